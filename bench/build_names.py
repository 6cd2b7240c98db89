"""Build ``tui/analysis/data/first_names.json``: first names with their usual gender.

Source: the US Census Bureau's 1990 frequency lists of first names (``dist.male.first`` and
``dist.female.first``, public domain), as shipped inside the ``names`` package's sdist:

    pip download --no-deps names -d /tmp/names && tar xzf /tmp/names/names-*.tar.gz -C /tmp/names
    python bench/build_names.py /tmp/names/names-0.3.0/names

A name listed for both sexes keeps the sex whose frequency is at least three times the other;
otherwise it is left out (ambiguous names must not decide a pronoun's antecedent).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tui" / "analysis" / "data" / "first_names.json"


def read(path: Path) -> dict[str, float]:
    freqs = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            freqs[parts[0].lower()] = float(parts[1])
    return freqs


def main() -> None:
    folder = Path(sys.argv[1])
    male, female = read(folder / "dist.male.first"), read(folder / "dist.female.first")
    names: dict[str, str] = {}
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= 3 * f and m > 0:
            names[name] = "m"
        elif f >= 3 * m and f > 0:
            names[name] = "f"
    OUT.write_text(json.dumps(names, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    print(f"wrote {OUT}: {sum(v == 'm' for v in names.values())} male, {sum(v == 'f' for v in names.values())} female")


if __name__ == "__main__":
    main()
