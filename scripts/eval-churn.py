#!/usr/bin/env python3
"""Where a paired difference between two eval modes comes from: the pairs (same instruction and seed) split by whether
the second mode completed more, as many, or fewer of the instruction's events than the first, and the pairs with as many
split again by whether the second mode's events started sooner (by more than half a frame). Per group: the number of
pairs and the mean difference ± 95 % half-width of S_video, transition delay, blending and frame quality (pairs where a
metric is empty — delay without two matched events — are left out of that column). Then, for scale, the same split
within each mode between its own seeds (seed 2k + 1 against seed 2k of one instruction): how often a mere redraw of
the noise (and of the plan) changes the number of completed events.

Usage: scripts/eval-churn.py DIR/videos.csv [--modes step,tempact]"""
import argparse, math, os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evalcsv import load  # noqa: E402

METRICS = [("tfs", "ΔS_video"), ("transition_delay", "Δdelay (frames)"), ("blending", "Δblending"), ("frame_quality", "Δframe quality")]

def interval(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return "—"
    m = statistics.mean(xs)
    h = 1.96 * statistics.stdev(xs) / math.sqrt(len(xs)) if len(xs) > 1 else 0.0
    return f"{m:+.3f} ± {h:.3f}"

def diff(a, b, column):
    return None if a[column] is None or b[column] is None else b[column] - a[column]

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("videos")
    ap.add_argument("--modes", default="step,tempact", help="FIRST,SECOND: differences are SECOND − FIRST")
    a = ap.parse_args()
    modes = [m.strip() for m in a.modes.split(",")]
    if len(modes) != 2 or not all(modes):
        sys.exit(f"eval-churn: --modes takes two modes, FIRST,SECOND; got {a.modes!r}")
    rows = load(a.videos, ["mode", "item", "seed", "completion"] + [c for c, _ in METRICS], "eval-churn")
    by = {}
    for r in rows:
        by.setdefault((r["item"], r["seed"]), {})[r["mode"]] = r
    pairs = [(v[modes[0]], v[modes[1]]) for v in by.values() if modes[0] in v and modes[1] in v]
    if not pairs:
        have = sorted({r["mode"] for r in rows})
        sys.exit(f"eval-churn: {a.videos}: no instruction and seed has both {modes[0]} and {modes[1]} (modes here: {', '.join(have)})")
    dc = [diff(p, q, "completion") for p, q in pairs]
    dd = [diff(p, q, "transition_delay") for p, q in pairs]
    same = [i for i, x in enumerate(dc) if x is not None and abs(x) < 1e-9]
    groups = [
        ("more events completed", [i for i, x in enumerate(dc) if x is not None and x > 1e-9]),
        ("as many", same),
        ("… and events sooner (> 0.5 frame)", [i for i in same if dd[i] is not None and dd[i] < -0.5]),
        ("… and not sooner", [i for i in same if not (dd[i] is not None and dd[i] < -0.5)]),
        ("fewer events completed", [i for i, x in enumerate(dc) if x is not None and x < -1e-9]),
    ]
    print(f"{modes[1]} − {modes[0]}, {len(pairs)} pairs ({a.videos})\n")
    print("| pairs where " + modes[1] + " completed … | pairs | " + " | ".join(n for _, n in METRICS) + " |")
    print("|---|---|" + "---|" * len(METRICS))
    for name, ix in groups:
        cells = [interval([diff(pairs[i][0], pairs[i][1], c) for i in ix]) for c, _ in METRICS]
        print(f"| {name} | {len(ix)} | " + " | ".join(cells) + " |")
    print("\n| within one mode, seed 2k + 1 vs 2k | pairs | more completed | as many | fewer |")
    print("|---|---|---|---|---|")
    for m in modes:
        counts = [0, 0, 0]
        seeds = {}
        for r in rows:
            if r["mode"] == m and r["completion"] is not None:
                seeds.setdefault(r["item"], {})[r["seed"]] = r["completion"]
        for per in seeds.values():
            for k in sorted(s for s in per if s % 2 == 0 and s + 1 in per):
                d = per[k + 1] - per[k]
                counts[0 if d > 1e-9 else 2 if d < -1e-9 else 1] += 1
        print(f"| {m} | {sum(counts)} | {counts[0]} | {counts[1]} | {counts[2]} |")

if __name__ == "__main__":
    main()
