"""Train the speaker ranker for fiction (``tui/analysis/data/ranker.json``) on the PDNC novels.

    python bench/train_ranker.py            # leave-one-novel-out table, then train on all, write weights
    python bench/train_ranker.py --no-write # the table only

The model is a conditional logit (softmax over one quotation's candidate speakers) trained by
seeded stochastic gradient descent in plain Python. Features are structural (distance, turn
order, gender agreement, mentions); no name or string of the corpus enters them. Lines with
no cue of their own learn in a second pass, from features collected under the first pass's
choices (see :func:`fit`).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import NOVELS, ROOT, read_jsonl  # noqa: E402
from quality import SCORED_KINDS, Tally, match, norm_name, report, score_document, words_span  # noqa: E402

from tui.analysis import analyze, ranker  # noqa: E402

WEIGHTS = ROOT / "tui" / "analysis" / "data" / "ranker.json"


# cues whose quotations learn from features as the ranker sees them at work: after its own
# choices for the quotations before (a line with no cue leans on the turns around it, which
# the ranker itself re-decided); the others learn from the rules' choices
SELF_CUES = frozenset({"none", "nm", "nf"})


def collect(doc: dict, weights: dict | None = None) -> list[tuple[str, list[tuple[dict, bool]]]]:
    """Each ranked quotation of ``doc`` with a gold speaker: (cue, [(features, right)]), the
    turns before it as the rules left them (or, given ``weights``, as that ranker re-decided)."""
    rows: list = []
    ranker.use_weights(weights)
    ranker.collect_with(lambda d, i, cue, cands: rows.append((d, i, cue, cands)))
    try:
        analysis = analyze(doc["text"])
    finally:
        ranker.reset_weights()
    quotes = analysis.to_dict()["quotes"]
    scored = [k for k, q in enumerate(quotes) if q.get("kind", "speech") in SCORED_KINDS or q.get("speaker")]
    gold = doc["quotes"]
    found, _ = match([(g["start"], g["end"]) for g in gold], [words_span(doc["text"], quotes[k]) for k in scored])
    gold_at = {scored[k]: gold[g] for g, k in found.items()}
    # the ranker numbers the quotations as attribution saw them; the output may cut one
    # into pieces afterwards (nested speech), each inside it and in order
    pieces: dict[int, list[int]] = defaultdict(list)
    if rows:
        k = 0
        for j, raw in enumerate(rows[0][0].ctx.quotes):
            while k < len(quotes) and quotes[k]["end"] <= raw.end:
                pieces[j].append(k)
                k += 1
    gold_of = {j: next((gold_at[k] for k in ks if k in gold_at), None) for j, ks in pieces.items()}
    # what the engine finally names a candidate key (the speaker resolution runs later)
    canon: dict[str, Counter] = defaultdict(Counter)
    if rows:
        d = rows[0][0]
        for j, key in enumerate(d.keys):
            name = quotes[pieces[j][0]].get("speaker") if pieces[j] else None
            if key is not None and name:
                canon[key][name] += 1
    out = []
    for _d, i, cue, cands in rows:
        g = gold_of.get(i)
        if g is None:
            continue
        aliases = {norm_name(a) for a in g["aliases"]}
        labelled = []
        for key, names in cands:
            name = canon[key].most_common(1)[0][0] if canon.get(key) else key
            feats = {n: 1.0 for n in names}
            feats.update({f"{cue}:{n}": 1.0 for n in names})
            labelled.append((feats, norm_name(name) in aliases or norm_name(key) in aliases))
        out.append((cue, labelled))
    return out


def train(groups: list, epochs: int = 12, rate: float = 0.05, l2: float = 1e-3, seed: int = 0) -> dict[str, float]:
    """Softmax over each group's candidates; the likelihood of the right ones (SGD)."""
    usable = [g for _cue, g in groups if any(right for _, right in g) and len(g) > 1]
    w: dict[str, float] = defaultdict(float)
    rng = random.Random(seed)
    order = list(range(len(usable)))
    for epoch in range(epochs):
        rng.shuffle(order)
        lr = rate / (1 + epoch)
        for n in order:
            group = usable[n]
            scores = [sum(w[f] * v for f, v in feats.items()) for feats, _ in group]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            z = sum(exps)
            zr = sum(e for e, (_, right) in zip(exps, group) if right)
            for e, (feats, right) in zip(exps, group):
                grad = e / z - (e / zr if right else 0.0)
                if grad:
                    for f, v in feats.items():
                        w[f] -= lr * (grad * v + l2 * w[f])
    return {f: round(v, 4) for f, v in sorted(w.items()) if abs(v) >= 1e-4}


def fit(docs: list[dict], groups: dict[str, list], seed: int = 0) -> dict[str, float]:
    """Train on ``docs`` in two passes: on the features under the rules' choices, then again
    with the quotations of :data:`SELF_CUES` collected under that first ranker's choices."""
    first = {"weights": train([g for d in docs for g in groups[d["id"]]], seed=seed)}
    mixed = []
    for d in docs:
        mixed += [g for g in groups[d["id"]] if g[0] not in SELF_CUES]
        mixed += [g for g in collect(d, first) if g[0] in SELF_CUES]
    return train(mixed, seed=seed)


def evaluate(doc: dict, weights: dict | None) -> dict:
    ranker.use_weights(weights)
    try:
        quotes = analyze(doc["text"]).to_dict()["quotes"]
    finally:
        ranker.reset_weights()
    tally = Tally("novel")
    score_document(doc, quotes, tally)
    return report(doc["id"], tally)


def row(label: str, rep: dict) -> str:
    t = rep["by_type"]
    acc = [t.get(k, {}).get("accuracy") for k in ("Explicit", "Anaphoric", "Implicit")]
    cells = " ".join(f"{a:>9.3f}" if a is not None else f"{'n/a':>9}" for a in acc)
    return f"{label:<30} {rep['speaker_accuracy']:>8.3f} {cells}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=NOVELS)
    parser.add_argument("--no-write", action="store_true", help="do not write the weights")
    parser.add_argument("--no-loo", action="store_true", help="skip the leave-one-novel-out table")
    args = parser.parse_args(argv)
    docs = list(read_jsonl(args.corpus))
    groups = {d["id"]: collect(d) for d in docs}
    if not args.no_loo:
        print(f"{'held-out novel':<30} {'accuracy':>8} {'Explicit':>9} {'Anaphoric':>9} {'Implicit':>9}")
        before, after = Tally("novel"), Tally("novel")
        types: dict[str, Counter] = defaultdict(Counter)
        for d in docs:
            weights = {"weights": fit([o for o in docs if o["id"] != d["id"]], groups)}
            base, ours = evaluate(d, None), evaluate(d, weights)
            print(row(d["id"] + " (rules)", base))
            print(row(d["id"] + " (ranker)", ours))
            for tally, rep in ((before, base), (after, ours)):
                tally.found += rep["found"]
                tally.right += round(rep["speaker_accuracy"] * rep["found"])
            for t, c in ours["by_type"].items():
                types[t]["right"] += c["right"]
                types[t]["found"] += c["found"]
        print(f"all novels: rules {before.right / before.found:.3f}, ranker {after.right / after.found:.3f}")
        cells = (f"{t} {c['right']}/{c['found']} = {c['right'] / c['found']:.3f}" for t, c in types.items() if c["found"])
        print("held out, by type (ranker): " + ", ".join(cells))
    if not args.no_write:
        weights = fit(docs, groups)
        data = {
            "_about": "Weights of the fiction speaker ranker (tui/analysis/ranker.py): a feature's "
            "shared weight, and 'cue:feature' for one kind of cue. Written by bench/train_ranker.py "
            f"from {args.corpus.name}; do not edit by hand.",
            "weights": weights,
        }
        WEIGHTS.write_text(json.dumps(data, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS.relative_to(ROOT)} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
