#!/usr/bin/env python3
"""Which expected events a run's videos missed, and why, from an eval folder's events.csv (one row per expected event
of every video; `eval` and `demo` write it). Per mode: the share of events shown, and the share missed for each reason —
wrong-subject (another object did the action during the event's span), other-action (the subject did something else),
elsewhere (the subject's action was seen, but paired with another expected event of the same kind), nothing (the
subject did not change), moved (a stay during which something changed). Then the miss rate by action, for events after
their subject's colour changed (named by a colour it no longer has) and for repeated actions, and, for videos with a
plan, how many misses came with a plan step naming another subject or action (column prompt_ok). With two modes
(--modes a,b), the events one mode showed and the other missed on the same instruction, seed and event, and why the
other missed them (in brackets: how many of those came with a wrong plan step).

Usage: scripts/eval-failures.py DIR/events.csv [--modes step,tempact]"""
import argparse, collections, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evalcsv import load  # noqa: E402

COLUMNS = ["mode", "item", "seed", "event", "subject", "action", "shown", "failure", "after_turn", "repeat"]
TEXT = {"mode", "subject", "action", "failure"}
INTS = {"item", "seed", "event", "shown", "after_turn", "repeat"}
REASONS = ["wrong-subject", "other-action", "elsewhere", "nothing", "moved"]

def pct(k, n):
    return f"{100 * k / n:5.1f} %" if n else "—"

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("events", help="an eval folder's events.csv")
    ap.add_argument("--modes", help="two modes to compare, a,b (default: step,tempact when both are there)")
    a = ap.parse_args()
    rows = load(a.events, COLUMNS, "eval-failures", text=TEXT, ints=INTS, kind="events.csv")
    if not rows:
        sys.exit(f"eval-failures: {a.events}: no events (a header only)")
    for line, r in enumerate(rows, start=2):
        if r["failure"] not in REASONS + [""] or (r["failure"] == "") != (r["shown"] == 1):
            sys.exit(f"eval-failures: {a.events} line {line}: failure {r['failure']!r} does not fit shown={r['shown']}")
        if r.get("prompt_ok", "") not in ("", "0", "1"):
            sys.exit(f"eval-failures: {a.events} line {line}: column prompt_ok must be 0, 1 or empty, got {r['prompt_ok']!r}")
    modes = list(dict.fromkeys(r["mode"] for r in rows))

    print("| mode | events | shown | " + " | ".join(f"missed: {x}" for x in REASONS) + " |")
    print("|---|---|---|" + "---|" * len(REASONS))
    for m in modes:
        rs = [r for r in rows if r["mode"] == m]
        c = collections.Counter(r["failure"] for r in rs)
        print(f"| {m} | {len(rs)} | {pct(sum(r['shown'] for r in rs), len(rs))} | " + " | ".join(pct(c[x], len(rs)) for x in REASONS) + " |")

    print("\nMissed share by action (events of that action missed / its events):\n")
    actions = sorted({r["action"] for r in rows})
    print("| action | " + " | ".join(modes) + " |")
    print("|---|" + "---|" * len(modes))
    for act in actions:
        cells = []
        for m in modes:
            rs = [r for r in rows if r["mode"] == m and r["action"] == act]
            cells.append(f"{pct(sum(1 - r['shown'] for r in rs), len(rs))} of {len(rs)}")
        print(f"| {act} | " + " | ".join(cells) + " |")

    print("\nMissed share of non-stay events by what came before:\n")
    print("| events | " + " | ".join(modes) + " |")
    print("|---|" + "---|" * len(modes))
    for label, keep in [("after the subject's colour changed", lambda r: r["after_turn"] == 1),
                        ("a repeated action", lambda r: r["repeat"] == 1),
                        ("neither", lambda r: r["after_turn"] == 0 and r["repeat"] == 0)]:
        cells = []
        for m in modes:
            rs = [r for r in rows if r["mode"] == m and r["action"] != "stay" and keep(r)]
            cells.append(f"{pct(sum(1 - r['shown'] for r in rs), len(rs))} of {len(rs)}")
        print(f"| {label} | " + " | ".join(cells) + " |")

    planned = [m for m in modes if any(r.get("prompt_ok", "") != "" for r in rows if r["mode"] == m)]
    if planned:
        print("\nMisses by whose they were (events of videos with a plan):\n")
        print("| mode | events | plan step wrong | … of those missed | plan step right, missed (the executor's) | wrong-subject misses with the plan step wrong |")
        print("|---|---|---|---|---|---|")
        for m in planned:
            rs = [r for r in rows if r["mode"] == m and r.get("prompt_ok", "") != ""]
            bad = [r for r in rs if r["prompt_ok"] == "0"]
            print(f"| {m} | {len(rs)} | {pct(len(bad), len(rs))} | {pct(sum(1 - r['shown'] for r in bad), len(rs))} | "
                  f"{pct(sum(1 - r['shown'] for r in rs if r['prompt_ok'] == '1'), len(rs))} | "
                  f"{sum(r['failure'] == 'wrong-subject' and r['prompt_ok'] == '0' for r in rs)} of {sum(r['failure'] == 'wrong-subject' for r in rs)} |")

    pair = a.modes.split(",") if a.modes else (["step", "tempact"] if {"step", "tempact"} <= set(modes) else None)
    if pair is None:
        return
    if len(pair) != 2 or any(p not in modes for p in pair):
        sys.exit(f"eval-failures: --modes needs two of the file's modes ({', '.join(modes)}), got {a.modes!r}")
    x, y = pair
    by = {(r["mode"], r["item"], r["seed"], r["event"]): r for r in rows}
    keys = [(i, s, e) for (m, i, s, e) in by if m == x and (y, i, s, e) in by]
    if not keys:
        sys.exit(f"eval-failures: {a.events}: {x} and {y} share no instruction, seed and event")
    # The missing mode's rows, for each direction: why it missed, and whether its plan step was wrong ("a/b": a of the b
    # misses of that reason came with a wrong plan step).
    gained = [by[(x, *k)] for k in keys if by[(y, *k)]["shown"] and not by[(x, *k)]["shown"]]
    lost = [by[(y, *k)] for k in keys if by[(x, *k)]["shown"] and not by[(y, *k)]["shown"]]
    def cells(missed):
        return " | ".join(f"{sum(r['failure'] == why for r in missed)} ({sum(r['failure'] == why and r.get('prompt_ok') == '0' for r in missed)})"
                          for why in REASONS)
    print(f"\n{y} against {x}, same instruction, seed and event ({len(keys)} events); in brackets, those whose plan step was wrong:\n")
    print(f"| | events | " + " | ".join(REASONS) + " |")
    print("|---|---|" + "---|" * len(REASONS))
    print(f"| shown by {y}, missed by {x} (why {x} missed) | {len(gained)} | {cells(gained)} |")
    print(f"| shown by {x}, missed by {y} (why {y} missed) | {len(lost)} | {cells(lost)} |")

if __name__ == "__main__":
    main()
