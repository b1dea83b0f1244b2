#!/usr/bin/env python3
"""Fail when an Odoo log file has lines at a forbidden level.

``python3 tests/check_log.py LOGFILE [--allowlist FILE] [--levels ...]``

Prints every offending log line (with the traceback lines that follow it) and
exits 1 when there is one. Lines matching a regex of the allowlist file
(``re.search``; one regex a line, ``#`` comments and blank lines ignored) are
tolerated; they are reported as such so they stay visible.
"""

import argparse
import re
import sys

# Odoo's log format: "%(asctime)s %(pid)s %(levelname)s %(dbname)s %(name)s: ..."
LOG_LINE_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<rest>.*)$"
)
MAX_CONTEXT_LINES = 40


def load_allowlist(path):
    if not path:
        return []
    patterns = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.strip() and not line.lstrip().startswith("#"):
                patterns.append(re.compile(line))
    return patterns


def scan(lines, levels, allowlist):
    """Return (offending, allowed): lists of entries, each a list of lines (the
    log line then the continuation lines, e.g. a traceback, that follow it)."""
    offending, allowed = [], []
    current = None
    for raw in lines:
        line = raw.rstrip("\n")
        match = LOG_LINE_RE.match(line)
        if match:
            current = None
            if match.group("level") in levels:
                current = [line]
                is_allowed = any(p.search(line) for p in allowlist)
                (allowed if is_allowed else offending).append(current)
        elif current is not None and len(current) <= MAX_CONTEXT_LINES:
            current.append(line)
    return offending, allowed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logfile")
    parser.add_argument("--allowlist")
    parser.add_argument("--levels", default="WARNING,ERROR,CRITICAL")
    args = parser.parse_args(argv)
    levels = set(args.levels.split(","))
    with open(args.logfile, encoding="utf-8", errors="replace") as fh:
        offending, allowed = scan(fh, levels, load_allowlist(args.allowlist))
    for entry in allowed:
        print(f"allowed by allowlist: {entry[0]}")
    if offending:
        print(f"{len(offending)} log line(s) at level {args.levels} in {args.logfile}:")
        for entry in offending:
            print("\n".join(entry))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
