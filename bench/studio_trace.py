#!/usr/bin/env python3
"""Splits the time from Start to first frame of the planned studio streams in a trace written with
TEMPACT_STUDIO_TRACE=FILE (see docs/studio.md, "Profiling a start").

usage: python3 bench/studio_trace.py TRACE.tsv [LAST_N_PLANNED_STREAMS]

Prints, for the last N planned streams (default: all), the median / min / max of each phase, the client's first-frame
times, and for the first-chunk turns of the generation thread how many planners decoded a later step of their plan
during the turn (decoding that competes with the first chunks for the cores)."""
import statistics as st
import sys


def load(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        ms, thread, what = line.rstrip("\n").split("\t")
        rows.append((float(ms), thread, what))
    return rows


def main():
    rows = load(sys.argv[1])
    runs, run_of_thread = {}, {}
    for t, th, w in rows:
        p = w.split()
        if p[0] == "start":
            runs[p[1]] = {"start": t, "steps": []}
        elif p[0] == "plan-thread":
            runs[p[1]]["plan"] = t
            run_of_thread[th] = p[1]
        elif p[0] == "prefill+1" and th in run_of_thread:
            runs[run_of_thread[th]].setdefault("prefill", t)
        elif p[0] == "steps":
            runs[p[1]]["steps"].append(t)
        elif p[0] == "provisional":
            runs[p[1]]["prov"] = t
        elif p[0] == "added":
            runs[p[1]]["added"] = t
        elif p[0] == "first-chunk" and p[1] in runs:
            runs[p[1]]["chunk"], runs[p[1]]["ff"] = t, float(p[2])
    turns, current = [], None
    for t, _, w in rows:
        if w.startswith("turn "):
            current = (t, w)
        elif w == "turn-end" and current:
            turns.append((current[0], t, current[1]))
            current = None
    for r, v in runs.items():
        if "chunk" in v:
            v["turn"] = max((a for a, _, w in turns if r in w and a <= v["chunk"]), default=None)
    planned = [v for v in runs.values() if v["steps"] and "chunk" in v and "prefill" in v]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else len(planned)
    planned = planned[-n:]
    phases = [
        ("Start -> planning thread running", lambda v: v["plan"] - v["start"]),
        ("prefill + first answer token", lambda v: v["prefill"] - v["plan"]),
        ("decoding to the end of step 1", lambda v: v["steps"][0] - v["prefill"]),
        ("step 1 -> stream started (pool hop)", lambda v: v["prov"] - v["steps"][0]),
        ("-> lane in the engine (turn under way)", lambda v: v["added"] - v["prov"]),
        ("-> its first-chunk turn begins", lambda v: v["turn"] - v["added"]),
        ("first-chunk turn (to chunk 0 made)", lambda v: v["chunk"] - v["turn"]),
        ("server: Start -> first chunk made", lambda v: v["ff"]),
    ]
    print(f"{len(planned)} planned streams")
    for name, f in phases:
        x = [f(v) for v in planned]
        print(f"{name:42s} median {st.median(x):6.1f} ms  min {min(x):6.1f}  max {max(x):6.1f}")
    client = [float(w.split()[1]) for _, _, w in rows if w.startswith("client-first")][-n:]
    print(f"{'client: Start -> first chunk received':42s} median {st.median(client):6.1f} ms  max {max(client):6.1f}")
    first_turns = [(a, b) for a, b, w in turns if w.split("first=")[1].strip()]
    first_turns = [t for t in first_turns if any(v["turn"] == t[0] for v in planned)]
    later = sum(1 for a, b in first_turns for v in runs.values() if any(a < s < b for s in v["steps"][1:]))
    print(f"first-chunk turns {len(first_turns)}, median {st.median([b - a for a, b in first_turns]):.1f} ms; "
          f"later plan steps decoded during them: {later}")


if __name__ == "__main__":
    main()
