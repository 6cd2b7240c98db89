"""A long Hypothesis run of closeread's analysis invariants (and of the input boundary).

    python bench/fuzz.py                  # 5,000 examples per target
    python bench/fuzz.py -n 50000 --seed 1
    python bench/fuzz.py --target analyze # only the engine

Targets:

* ``analyze``: ``check_invariants`` from ``tests/test_properties.py`` on generated text rich
  in quote marks, apostrophes, newlines, names and speech verbs (the token strategy of the
  tests, with longer texts);
* ``fiction``: the same invariants in fiction mode (generated text after enough invented
  dialogue to make it a novel: asides, terms, descriptions, turn-taking, the ranker);
* ``reading``: arbitrary bytes through ``load_bytes``: either an ``InputError`` with a
  one-line message or text without ``\\r``;
* ``formats``: arbitrary Markdown/HTML-ish text through the converters: never an
  exception, never a ``\\r``, paragraphs separated by one blank line.

Prints the number of examples run and every distinct failure (shrunk to a minimal
example) with its message; exits 1 when something failed.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _load_properties():
    spec = importlib.util.spec_from_file_location(
        "_closeread_properties", ROOT / "tests" / "test_properties.py"
    )
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _run(name: str, strategy, check, examples: int, seed: int | None) -> tuple[int, list[str]]:
    """Run ``check`` on ``examples`` draws; return (count, failure reports)."""
    count = 0
    failures: list[str] = []

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=seed is not None and seed == 0,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        report_multiple_bugs=True,
    )
    @given(strategy)
    def target(value):
        nonlocal count
        count += 1
        check(value)

    if seed:
        target = __import__("hypothesis").seed(seed)(target)
    try:
        target()
    except Exception as error:  # hypothesis raises the (shrunk) failure(s)
        errors = getattr(error, "exceptions", None) or [error]
        for failure in errors:
            example = _falsifying_example(failure)
            message = "".join(traceback.format_exception_only(type(failure), failure)).strip()
            failures.append(f"[{name}] {message}\n    {example}")
    return count, failures


def _falsifying_example(error: BaseException) -> str:
    for note in getattr(error, "__notes__", []):
        if note.startswith("Falsifying example"):
            return note.replace("\n", " ")
    return "(see message)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--examples", type=int, default=5000, help="examples per target")
    parser.add_argument("--seed", type=int, default=None, help="random seed (0: derandomize)")
    parser.add_argument("--target", choices=("all", "analyze", "fiction", "reading", "formats"), default="all")
    parser.add_argument("--max-tokens", type=int, default=400, help="longest generated text")
    args = parser.parse_args(argv)

    properties = _load_properties()
    from tui.analysis import analyze
    from tui.analysis.formats import html_to_text, markdown_to_text
    from tui.analysis.reading import InputError, load_bytes

    def check_analyze(text: str) -> None:
        properties.check_invariants(text, analyze(text))

    def check_reading(data: bytes) -> None:
        try:
            loaded = load_bytes(data)
        except InputError as error:
            assert "\n" not in str(error) and str(error), repr(str(error))
            return
        assert "\r" not in loaded.text

    def check_formats(text: str) -> None:
        for out in (markdown_to_text(text), html_to_text(text).text):
            assert "\r" not in out
            assert "\n\n\n" not in out
            assert out == out.strip(" \t\n")

    texts = st.one_of(
        properties.texts,
        st.lists(properties.segment, max_size=args.max_tokens).map("".join),
    )
    markup = st.lists(
        st.sampled_from(
            [
                "<p>", "</p>", "<div class='comments'>", "</div>", "<script>", "</script>",
                "<br>", "<h1>", "</h1>", "<article>", "</article>", "&amp;", "&nbsp;", "&#8220;",
                "# ", "## ", "*", "**", "_", "`", "```", "[", "](", ")", "![", "> ", "- ", "1. ",
                "|", "---", "\n", "\n\n", "\r\n", "\r", " ", "“", "”", '"', "'", "words", "Ann",
                "<!", "<![", "<![if x]>", "]]>", "<![CDATA[", "-->", "<!--", "<?", "&#x", "&#",
            ]
        ),
        max_size=200,
    ).map("".join)  # fmt: skip
    byte_strings = st.one_of(
        st.binary(max_size=2000),
        texts.map(lambda t: t.encode("utf-8")),
        texts.map(lambda t: t.encode("utf-16")),
        texts.map(lambda t: t.encode("cp1252", "replace")),
    )
    plan = {
        "analyze": (texts, check_analyze),
        "fiction": (properties.fiction_texts, check_analyze),
        "reading": (byte_strings, check_reading),
        "formats": (st.one_of(markup, st.text(max_size=500)), check_formats),
    }
    total = 0
    failures: list[str] = []
    for name, (strategy, check) in plan.items():
        if args.target not in ("all", name):
            continue
        start = time.perf_counter()
        count, found = _run(name, strategy, check, args.examples, args.seed)
        elapsed = time.perf_counter() - start
        print(f"{name}: {count} examples in {elapsed:.1f}s, {len(found)} failure(s)")
        total += count
        failures += found
    print(f"total: {total} examples, {len(failures)} failure(s)")
    for report in failures:
        print(report)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
