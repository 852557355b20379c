"""Reading an eval folder's videos.csv for the scripts beside this file (eval-pairs.py, eval-breakdown.py)."""
import csv, sys

def load(path, columns, tool):
    """The rows of PATH as dicts; exits with a message naming the file when it cannot be read or lacks COLUMNS."""
    try:
        rows = list(csv.DictReader(open(path, newline="", encoding="utf-8")))
    except OSError as e:
        sys.exit(f"{tool}: {path}: {e.strerror}")
    missing = sorted(set(columns) - set(rows[0] if rows else ()))
    if missing:
        sys.exit(f"{tool}: {path}: not an eval videos.csv with columns {', '.join(columns)} (missing {', '.join(missing)})")
    return rows
