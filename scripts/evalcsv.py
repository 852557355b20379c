"""Reading an eval folder's videos.csv or events.csv for the scripts beside this file (eval-pairs.py, eval-breakdown.py,
eval-churn.py, eval-failures.py)."""
import csv, math, sys

TEXT = {"mode", "instruction"}

def load(path, columns, tool, text=TEXT, ints=("item", "seed"), kind="videos.csv"):
    """The rows of PATH as dicts: the INTS columns as int, TEXT columns as given, the other COLUMNS as float or None (an
    empty field); exits with a message naming the file, and the line and column where a value is malformed."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            fields = reader.fieldnames or []
    except OSError as e:
        sys.exit(f"{tool}: {path}: {e.strerror}")
    except (UnicodeDecodeError, csv.Error) as e:
        sys.exit(f"{tool}: {path}: not a readable CSV ({e})")
    missing = sorted(set(columns) - set(fields))
    if missing:
        sys.exit(f"{tool}: {path}: not an eval {kind} with columns {', '.join(columns)} (missing {', '.join(missing)})")
    for line, r in enumerate(rows, start=2):
        for c in columns:
            v = r[c]
            if c in text:
                continue
            try:
                if c in ints:
                    r[c] = int(v)
                else:
                    r[c] = None if v == "" else float(v)
                    if r[c] is not None and not math.isfinite(r[c]):
                        raise ValueError
            except (TypeError, ValueError):
                what = "an integer" if c in ints else "a finite number or empty"
                sys.exit(f"{tool}: {path} line {line}: column {c} must be {what}, got {v!r}")
    return rows
