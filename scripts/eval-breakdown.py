#!/usr/bin/env python3
"""Where an eval run's videos fail: each mode's mean of a metric over the videos whose instruction has a feature and
over those without it, from the eval folder's videos.csv, plus the share of videos near the top and the bottom.

Features are read from the instruction's words: an object that starts hidden, a tiny object, an action repeated
("two times", "twice", …), a slow event, a colour change. The seed-to-seed correlation of the metric (the same
instruction, seeds 0 and 1) says how much of the spread belongs to the instruction rather than to the noise.

Usage: scripts/eval-breakdown.py DIR/videos.csv [--metric tfs]"""
import argparse, os, re, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evalcsv import load  # noqa: E402

FEATURES = [
    ("an object starts hidden", r"\b(invisible|hidden)\b"),
    ("a tiny object", r"\btiny\b"),
    ("a repeated action", r"\b(two times|three times|twice|thrice)\b"),
    ("a slow event", r"\bslow"),
    ("a colour change", r"\b(turns|becomes|changes? colou?r)\b"),
]

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("videos")
    ap.add_argument("--metric", default="tfs")
    a = ap.parse_args()
    rows = load(a.videos, ["mode", "item", "seed", "instruction", a.metric], "eval-breakdown")
    modes = list(dict.fromkeys(r["mode"] for r in rows))
    print(f"| {a.metric}: videos whose instruction has … | " + " | ".join(f"{m}: with / without" for m in modes) + " |")
    print("|---|" + "---|" * len(modes))
    for name, pattern in FEATURES:
        cells = []
        for m in modes:
            vids = [r for r in rows if r["mode"] == m and r[a.metric] is not None]
            w = [r[a.metric] for r in vids if re.search(pattern, r["instruction"], re.I)]
            wo = [r[a.metric] for r in vids if not re.search(pattern, r["instruction"], re.I)]
            cells.append(f"{statistics.mean(w):.3f} (n {len(w)}) / {statistics.mean(wo):.3f}" if w and wo else "—")
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    for m in modes:
        vids = {(r["item"], r["seed"]): r[a.metric] for r in rows if r["mode"] == m and r[a.metric] is not None}
        xs = list(vids.values())
        pairs = [(vids[(i, 0)], vids[(i, 1)]) for (i, s) in vids if s == 0 and (i, 1) in vids]
        corr = statistics.correlation(*zip(*pairs)) if len(pairs) > 2 else float("nan")
        print(f"{m}: mean {statistics.mean(xs):.3f} over {len(xs)} videos; ≥ 0.95: {sum(x >= 0.95 for x in xs) / len(xs):.0%}, "
              f"< 0.6: {sum(x < 0.6 for x in xs) / len(xs):.0%}; seed 0 vs seed 1 correlation {corr:.2f}")

if __name__ == "__main__":
    main()
