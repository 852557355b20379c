#!/usr/bin/env python3
"""Paired comparison of RL arms against a control arm, epoch by epoch.

Arms trained with the same seed draw the same instructions, switch index and noise in the same epoch, so the
difference arm − control at one epoch removes the epoch-to-epoch variation of the instruction sample (which dominates a
first-vs-last comparison of one run). Prints, per arm and column, the mean difference ± 95 % half-width (normal
approximation) over the first and over the last N epochs both arms have.

Usage: scripts/paired-arms.py CONTROL.csv ARM.csv [ARM.csv …] [--epochs 10] [--columns s_local,action,…]"""
import argparse, csv, math, os, statistics, sys

def load(path):
    try:
        return {int(r["epoch"]): r for r in csv.DictReader(open(path, newline=""))}
    except OSError as e:
        sys.exit(f"paired-arms: {path}: {e.strerror}")
    except (KeyError, ValueError):
        sys.exit(f"paired-arms: {path}: not a metrics.csv of train rl (no integer 'epoch' column)")

def interval(xs):
    xs = [x for x in xs if math.isfinite(x)]
    if not xs:
        return "—"
    m = statistics.mean(xs)
    h = 1.96 * statistics.stdev(xs) / math.sqrt(len(xs)) if len(xs) > 1 else 0.0
    return f"{m:+.3f} ± {h:.3f}"

def name(path):
    return os.path.basename(os.path.dirname(os.path.abspath(path))) or path

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("control")
    p.add_argument("arms", nargs="+")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--columns", default="r_exec,s_local,action,onset_rate,s_aes,s_video")
    a = p.parse_args()
    if a.epochs < 2:
        sys.exit(f"paired-arms: --epochs must be at least 2, got {a.epochs}")
    control = load(a.control)
    cols = a.columns.split(",")
    arms = []  # every file checked before anything is printed
    for path in a.arms:
        arm = load(path)
        epochs = sorted(set(arm) & set(control))
        if len(epochs) < 2 * a.epochs:
            sys.exit(f"paired-arms: {path} and {a.control} share {len(epochs)} epochs; --epochs {a.epochs} needs {2 * a.epochs}")
        for c in cols:
            if c not in arm[epochs[0]] or c not in control[epochs[0]]:
                sys.exit(f"paired-arms: no column '{c}' in {path} or {a.control}")
        arms.append((path, arm, epochs))
    print(f"| arm − {name(a.control)} | column | first {a.epochs} epochs | last {a.epochs} epochs |")
    print("|---|---|---|---|")
    for path, arm, epochs in arms:
        for c in cols:
            d = [float(arm[e][c]) - float(control[e][c]) for e in epochs]
            print(f"| {name(path)} ({len(epochs)} epochs) | {c} | {interval(d[:a.epochs])} | {interval(d[-a.epochs:])} |")

if __name__ == "__main__":
    main()
