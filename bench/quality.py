"""Quality benchmark: closeread's quotations and speakers against the gold corpora.

    python bench/quality.py [CORPUS.jsonl ...] [--limit N] [--json] [--errors N] [--workers 2]

Each document goes through the code path of ``closeread extract`` (``analyze(text)`` then
``Analysis.to_dict()``) and is scored exactly as ``../shared/corpora/README.md`` defines it.
``--errors N`` prints wrong attributions with context to stdout (never write corpus text to
files: the news articles are copyrighted).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import NEWS, NOVELS, engine, fmt_target, read_jsonl  # noqa: E402

# The targets (issue 4).
TARGETS = {
    "news": {"f1": 0.96, "named_source": 0.92, "mention_overlap": 0.85, "type:pronoun": 0.80},
    "novel": {
        "f1": 0.97,
        "speaker_accuracy": 0.78,
        "type:Explicit": 0.93,
        "type:Anaphoric": 0.75,
        "type:Implicit": 0.60,
    },
}
TYPE_ORDER = {"news": ["named", "pronoun", "other", "none"], "novel": ["Explicit", "Anaphoric", "Implicit"]}
# term/title quotes nobody is said to have said are the engine saying "not a quotation";
# an attributed term ("no new information", said Mr X) is a quotation
SCORED_KINDS = ("speech", "partial")
MARKS = "\"'“”‘’«»„‚‹›`"


# -- matching ----------------------------------------------------------------------------
def words_span(text: str, quote: dict) -> tuple[int, int]:
    """The extracted quote's words without its marks, as offsets into ``text``."""
    start, end, words = quote["start"], quote["end"], quote.get("text") or ""
    inner = text[start:end].find(words) if words else -1
    if inner >= 0:
        return start + inner, start + inner + len(words)
    while start < end and text[start] in MARKS:
        start += 1
    while end > start and text[end - 1] in MARKS:
        end -= 1
    return start, end


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def is_match(gold: tuple[int, int], ours: tuple[int, int]) -> bool:
    """Found: ours covers ≥ 80 % of the gold's characters and ≥ half of ours lies inside it."""
    inside = overlap(gold, ours)
    return inside > 0 and inside >= 0.8 * (gold[1] - gold[0]) and inside >= 0.5 * (ours[1] - ours[0])


def match(gold: list[tuple[int, int]], ours: list[tuple[int, int]]) -> tuple[dict[int, int], set[int]]:
    """Map each found gold index to the extracted index that covers it best; and the set of
    extracted indices that match some gold quote (the true positives for precision)."""
    order = sorted(range(len(ours)), key=lambda i: ours[i][0])
    starts = [ours[i][0] for i in order]
    longest = max((e - s for s, e in ours), default=0)
    found: dict[int, int] = {}
    hits: set[int] = set()
    for g, span in enumerate(gold):
        lo = bisect_right(starts, span[0] - longest - 1)
        hi = bisect_right(starts, span[1])
        best, best_cover = None, -1
        for k in range(lo, hi):
            i = order[k]
            if is_match(span, ours[i]):
                hits.add(i)
                cover = overlap(span, ours[i])
                if cover > best_cover:
                    best, best_cover = i, cover
        if best is not None:
            found[g] = best
    return found, hits


# -- speakers ----------------------------------------------------------------------------
def norm_name(name: str) -> str:
    return re.sub(r"[.\s]", "", name).casefold()


def last_word(name: str) -> str | None:
    words = re.findall(r"\w[\w'’-]*", name)
    return words[-1] if words else None


def speaker_right(domain: str, gold: dict, ours: dict) -> bool:
    speaker = ours.get("speaker")
    if domain == "novel":
        return speaker is not None and norm_name(speaker) in {norm_name(a) for a in gold["aliases"]}
    mention = ours.get("mention")
    if gold["mention"] is None:  # type "none": nobody is said to have said it
        return mention is None and speaker is None
    if mention is None or not overlap(tuple(gold["mention"]), (mention["start"], mention["end"])):
        return False
    if gold["type"] == "named":
        word = last_word(speaker or "")
        return bool(word) and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", gold["speaker"] or "", re.I) is not None
    return True


def mention_overlaps(gold: dict, ours: dict) -> bool:
    mention = ours.get("mention")
    return bool(gold.get("mention") and mention and overlap(tuple(gold["mention"]), (mention["start"], mention["end"])))


# -- scoring -----------------------------------------------------------------------------
@dataclass
class Tally:
    domain: str
    documents: int = 0
    failed: int = 0
    gold: int = 0
    extracted: int = 0
    extracted_all: int = 0
    true_pos: int = 0
    true_pos_all: int = 0
    found: int = 0
    right: int = 0
    overlap_n: int = 0
    overlap_ok: int = 0
    by_type: dict = field(default_factory=lambda: defaultdict(Counter))
    by_sieve: dict = field(default_factory=lambda: defaultdict(Counter))
    errors: list = field(default_factory=list)
    seconds: float = 0.0


def score_document(doc: dict, quotes: list[dict], tally: Tally) -> None:
    """Score one document's extracted quotes (the ``quotes`` of ``to_dict()``) into ``tally``."""
    text, domain = doc["text"], tally.domain
    gold = doc["quotes"]
    scored = [q for q in quotes if q.get("kind", "speech") in SCORED_KINDS or q.get("speaker")]
    gold_spans = [(g["start"], g["end"]) for g in gold]
    found, hits = match(gold_spans, [words_span(text, q) for q in scored])
    _, hits_all = match(gold_spans, [words_span(text, q) for q in quotes])
    tally.documents += 1
    tally.gold += len(gold)
    tally.extracted += len(scored)
    tally.extracted_all += len(quotes)
    tally.true_pos += len(hits)
    tally.true_pos_all += len(hits_all)
    for g, gq in enumerate(gold):
        counts = tally.by_type[gq["type"]]
        counts["gold"] += 1
        if g not in found:
            continue
        ours = scored[found[g]]
        right = speaker_right(domain, gq, ours)
        tally.found += 1
        tally.right += right
        counts["found"] += 1
        counts["right"] += right
        sieve = tally.by_sieve[ours.get("sieve") or "none"]
        sieve["quotes"] += 1
        sieve["right"] += right
        if domain == "news" and gq["mention"] is not None:
            tally.overlap_n += 1
            tally.overlap_ok += mention_overlaps(gq, ours)
        if not right:
            tally.errors.append((doc["id"], gq, ours))


def ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def report(name: str, tally: Tally) -> dict:
    p, r = ratio(tally.true_pos, tally.extracted), ratio(tally.found, tally.gold)
    f1 = round(2 * p * r / (p + r), 4) if p and r else 0.0
    out = {
        "corpus": name,
        "domain": tally.domain,
        "documents": tally.documents,
        "failed_documents": tally.failed,
        "gold": tally.gold,
        "extracted": tally.extracted,
        "found": tally.found,
        "precision": p,
        "recall": r,
        "f1": f1,
        "precision_all_kinds": ratio(tally.true_pos_all, tally.extracted_all),
        "extracted_all_kinds": tally.extracted_all,
        "speaker_accuracy": ratio(tally.right, tally.found),
        "end_to_end": ratio(tally.right, tally.gold),
        "by_type": {
            t: {"gold": c["gold"], "found": c["found"], "right": c["right"], "accuracy": ratio(c["right"], c["found"])}
            for t, c in sorted(tally.by_type.items(), key=lambda kv: _type_rank(tally.domain, kv[0]))
        },
        "sieves": {
            s: {"quotes": c["quotes"], "right": c["right"], "accuracy": ratio(c["right"], c["quotes"])}
            for s, c in sorted(tally.by_sieve.items(), key=lambda kv: -kv[1]["quotes"])
        },
        "seconds": round(tally.seconds, 2),
    }
    if tally.domain == "news":
        out["mention_overlap"] = ratio(tally.overlap_ok, tally.overlap_n)
        out["named_source"] = out["by_type"].get("named", {}).get("accuracy")
    out["targets"] = TARGETS.get(tally.domain, {})
    return out


def _type_rank(domain: str, t: str) -> tuple[int, str]:
    order = TYPE_ORDER.get(domain, [])
    return (order.index(t) if t in order else len(order), t)


# -- running the engine ------------------------------------------------------------------
def _analyze(item: tuple[int, str]) -> tuple[int, list[dict] | None, float, str | None]:
    index, text = item
    start = time.perf_counter()
    try:
        quotes = engine()(text).to_dict()["quotes"]
        error = None
    except Exception as exc:  # one broken document must not sink the run
        quotes, error = None, f"{type(exc).__name__}: {exc}"
    return index, quotes, time.perf_counter() - start, error


def run_corpus(path: Path, limit: int | None, workers: int) -> tuple[list[dict], Tally]:
    docs = list(read_jsonl(path, limit))
    domain = docs[0].get("domain", "news") if docs else "news"
    tally = Tally(domain)
    items = sorted(((i, d["text"]) for i, d in enumerate(docs)), key=lambda it: -len(it[1]))
    engine()  # import once before forking
    start = time.perf_counter()
    if workers > 1 and len(docs) > 1:
        with get_context("fork").Pool(workers) as pool:
            results = list(pool.imap_unordered(_analyze, items, chunksize=1 if domain == "novel" else 8))
    else:
        results = [_analyze(item) for item in items]
    tally.seconds = time.perf_counter() - start
    for index, quotes, _, error in sorted(results, key=lambda r: r[0]):
        if error:
            tally.failed += 1
            print(f"! {docs[index]['id']}: {error}", file=sys.stderr)
        score_document(docs[index], quotes or [], tally)
    return docs, tally


# -- printing ----------------------------------------------------------------------------
def print_report(rep: dict) -> None:
    t = rep["targets"]

    def line(label: str, value, key: str | None = None, extra: str = "") -> None:
        shown = "n/a" if value is None else f"{value:.3f}"
        print(f"  {label:<34} {shown:>6}  {extra}{fmt_target(value, t.get(key)) if key else ''}")

    print(f"\n== {rep['corpus']} ({rep['domain']}): {rep['documents']} documents, {rep['gold']} gold quotes, "
          f"{rep['extracted']} extracted, {rep['seconds']:.1f} s"
          + (f", {rep['failed_documents']} FAILED" if rep["failed_documents"] else ""))
    line("detection precision", rep["precision"], extra=f"(all kinds: {rep['precision_all_kinds']}) ")
    line("detection recall", rep["recall"])
    line("detection F1", rep["f1"], "f1")
    line("speaker accuracy (found)", rep["speaker_accuracy"], "speaker_accuracy")
    if rep["domain"] == "news":
        line("mention overlap (found)", rep["mention_overlap"], "mention_overlap")
        line("named-source accuracy", rep["named_source"], "named_source")
    line("end-to-end (found & right)", rep["end_to_end"])
    print("  by type:")
    for name, c in rep["by_type"].items():
        line(f"  {name} ({c['right']}/{c['found']} of {c['gold']})", c["accuracy"], f"type:{name}")
    print("  by sieve (found quotes attributed, accuracy):")
    for name, c in rep["sieves"].items():
        line(f"  {name} ({c['right']}/{c['quotes']})", c["accuracy"])


def print_errors(docs: dict[str, dict], tally: Tally, n: int, seed: int = 0) -> None:
    sample = random.Random(seed).sample(tally.errors, min(n, len(tally.errors)))
    for doc_id, gq, ours in sample:
        text = docs[doc_id]["text"]
        s, e = gq["start"], gq["end"]
        before, quote, after = text[max(0, s - 300):s], text[s:e], text[e:e + 150]
        flat = re.sub(r"\s+", " ", f"{before}⟦{quote}⟧{after}")
        gold_who = gq["speaker"] if tally.domain == "novel" else f"{gq['speaker']!r} @ {gq['mention']}"
        mention = ours.get("mention")
        ours_who = f"{ours.get('speaker')!r}" + (f" via {mention['text']!r} @ {[mention['start'], mention['end']]}" if mention else "")
        print(f"\n--- {doc_id} [{gq['type']}] gold: {gold_who} | ours: {ours_who} | sieve: {ours.get('sieve')}")
        print(f"    …{flat}…")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=[NEWS, NOVELS])
    parser.add_argument("--limit", type=int, help="only the first N documents of each corpus")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N wrong attributions")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    reports = []
    for path in args.corpora:
        docs, tally = run_corpus(path, args.limit, args.workers)
        rep = report(path.name, tally)
        reports.append(rep)
        if not args.json:
            print_report(rep)
            if args.errors:
                print_errors({d["id"]: d for d in docs}, tally, args.errors)
    if args.json:
        print(json.dumps(reports, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
