#!/usr/bin/env python3
"""Paired differences between eval modes from an eval folder's videos.csv, against any reference mode.

`eval` writes the differences against step into results.json/md; this recomputes them against another mode (for
example an ablation arm against the run it was cut from) from the per-video file, without re-running anything. Videos
pair on (item, seed); per metric the mean of (mode − reference) over the pairs where both values are defined, with its
Student-t 95 % half-width.

Usage: scripts/eval-pairs.py DIR/videos.csv --reference MODE [--modes A,B,…] [--metrics tfs,completion,…]"""
import argparse, math, os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evalcsv import load  # noqa: E402

# t(0.975, df) for df = 1..30; beyond, the normal quantile with the first Cornish–Fisher term.
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]

def t975(df):
    z = 1.959964
    return T975[df - 1] if df <= len(T975) else z + (z ** 3 + z) / (4 * df)

def interval(xs):
    if not xs:
        return "—"
    m = statistics.mean(xs)
    if len(xs) == 1:
        return f"{m:+.3f}"
    return f"{m:+.3f} ± {t975(len(xs) - 1) * statistics.stdev(xs) / math.sqrt(len(xs)):.3f} (n {len(xs)})"

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("videos")
    ap.add_argument("--reference", required=True)
    ap.add_argument("--modes", default="")
    ap.add_argument("--metrics", default="tfs,completion,transition_delay,blending,frame_quality,aesthetic,identity")
    a = ap.parse_args()
    metrics = [m for m in a.metrics.split(",") if m]
    rows = load(a.videos, ["mode", "item", "seed"] + metrics, "eval-pairs")
    by_mode = {}
    for r in rows:
        by_mode.setdefault(r["mode"], {})[(r["item"], r["seed"])] = r
    if a.reference not in by_mode:
        sys.exit(f"eval-pairs: no mode '{a.reference}' in {a.videos} (modes: {', '.join(by_mode)})")
    modes = [m for m in a.modes.split(",") if m] or [m for m in by_mode if m != a.reference]
    unknown = [m for m in modes if m not in by_mode]
    if unknown:
        sys.exit(f"eval-pairs: no mode {', '.join(unknown)} in {a.videos} (modes: {', '.join(by_mode)})")
    ref = by_mode[a.reference]
    print(f"| metric | " + " | ".join(f"{m} − {a.reference}" for m in modes) + " |")
    print("|---|" + "---|" * len(modes))
    for metric in metrics:
        cells = []
        for m in modes:
            diffs = []
            for key, r in by_mode[m].items():
                b = ref.get(key)
                if b is not None and r[metric] is not None and b[metric] is not None:
                    diffs.append(r[metric] - b[metric])
            cells.append(interval(diffs))
        print(f"| {metric} | " + " | ".join(cells) + " |")

if __name__ == "__main__":
    main()
