"""Train the Punkt sentence parameters that closeread ships as package data.

Run once (it is not needed at run time):

    python bench/train_punkt.py [--corpus ../shared/corpora/pdnc-dev.jsonl]

It trains NLTK's unsupervised ``PunktTrainer`` on public-domain prose (the Project
Gutenberg novels of the PDNC corpus), adds a curated list of abbreviations common in news
and fiction, and writes ``tui/analysis/data/punkt.json`` with plain JSON (no pickles, and
never NLTK's own save helpers, which write into ``~/nltk_data``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from nltk.tokenize.punkt import PunktTrainer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tui" / "analysis" / "data" / "punkt.json"

# Lower-case, without the final period, as Punkt stores them.
CURATED_ABBREVIATIONS = """
mr mrs ms messrs mmes dr drs prof rev revd hon st sr jr esq capt cpt col gen lt maj sgt cmdr adm
gov sen rep pres supt insp det fr msgr gen brig
u.s u.k u.n u.s.a e.u d.c n.y l.a a.m p.m b.c a.d i.e e.g etc vs viz cf al
jan feb mar apr jun jul aug sep sept oct nov dec
mon tue tues wed thu thur thurs fri sat sun
inc ltd co corp bros dept univ assn ave blvd rd mt ft no nos vol vols pp ed eds
ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev
okla ore pa tenn tex va vt wash wis wyo
""".split()


def corpus_text(path: Path) -> str:
    parts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if doc.get("domain") == "novel":
                parts.append(doc["text"])
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "pdnc-dev.jsonl")
    args = parser.parse_args()
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = False
    trainer.train(corpus_text(args.corpus), finalize=True)
    params = trainer.get_params()
    abbrevs = set(params.abbrev_types) | set(CURATED_ABBREVIATIONS)
    data = {
        "source": "NLTK PunktTrainer on Project Gutenberg novels (PDNC) + curated abbreviations",
        "abbrev_types": sorted(abbrevs),
        "collocations": sorted([list(pair) for pair in params.collocations]),
        "sent_starters": sorted(params.sent_starters),
        "ortho_context": {k: v for k, v in sorted(params.ortho_context.items()) if v},
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB, {len(abbrevs)} abbreviations)")


if __name__ == "__main__":
    main()
