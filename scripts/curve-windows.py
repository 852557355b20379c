#!/usr/bin/env python3
"""First vs last window of a training log: mean ± 95 % half-width (normal approximation) over epochs, per column.

Usage: scripts/curve-windows.py METRICS.csv [--fraction 0.2] [--columns a,b,...] [--phases-since EPOCH]
Prints a Markdown table and the sum of seconds_epoch (the run's time in epochs) when the column exists."""
import argparse, csv, math, statistics, sys

def interval(values):
    values = [v for v in values if math.isfinite(v)]  # an arm that does not train a side logs its update columns as NaN
    if not values:
        return "—"
    m = statistics.mean(values)
    h = 1.96 * statistics.stdev(values) / math.sqrt(len(values)) if len(values) > 1 else 0.0
    if abs(m) >= 0.01 or m == 0:
        return f"{m:.3f} ± {h:.3f}"
    return f"{m:.2e} ± {h:.1e}"

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("csv")
    p.add_argument("--fraction", type=float, default=0.2)
    p.add_argument("--phases-since", type=int, help="also print the mean seconds of every phase over the epochs from this one on")
    p.add_argument("--columns", default="r_exec,r_plan,s_local,s_aes,s_video,action,onset_rate,zero_spread_k,zero_spread_g,exec_kl,delta_w_exec")
    a = p.parse_args()
    try:
        rows = list(csv.DictReader(open(a.csv, newline="")))
    except OSError as e:
        sys.exit(f"curve-windows: {a.csv}: {e.strerror}")
    if len(rows) < 2:
        sys.exit(f"curve-windows: {a.csv}: needs at least 2 rows, has {len(rows)}")
    if not 0 < a.fraction <= 0.5:
        sys.exit(f"curve-windows: --fraction must be in (0, 0.5], got {a.fraction}")
    w = max(1, int(len(rows) * a.fraction))
    first, last = rows[:w], rows[-w:]
    print(f"| column | epochs {first[0]['epoch']}–{first[-1]['epoch']} | epochs {last[0]['epoch']}–{last[-1]['epoch']} |")
    print("|---|---|---|")
    for c in a.columns.split(","):
        if c not in rows[0]:
            sys.exit(f"curve-windows: {a.csv}: no column '{c}' (columns: {', '.join(rows[0])})")
        try:
            print(f"| {c} | {interval([float(r[c]) for r in first])} | {interval([float(r[c]) for r in last])} |")
        except ValueError as e:
            sys.exit(f"curve-windows: {a.csv}: column '{c}': {e}")
    if "seconds_epoch" in rows[0]:
        print(f"\n{len(rows)} epochs, {sum(float(r['seconds_epoch']) for r in rows) / 60:.1f} min of epochs")
    if a.phases_since is not None:
        later = [r for r in rows if int(r["epoch"]) >= a.phases_since]
        if not later:
            sys.exit(f"curve-windows: {a.csv}: no epoch from {a.phases_since} on")
        phases = [c for c in rows[0] if c.startswith("seconds_")]
        print(f"mean over epochs {later[0]['epoch']}–{later[-1]['epoch']}: " + ", ".join(
            f"{c[len('seconds_'):]} {statistics.mean(float(r[c]) for r in later):.2f} s" for c in phases))

if __name__ == "__main__":
    main()
