"""Compare the figures of a database before and after its upgrade.

    python3 tests/upgrade/compare.py BEFORE.json AFTER.json [--expected FILE]

Fails (exit code 1) on a lost row (fewer rows of a model after the upgrade), a
lost record (a contract or compliance line gone), a file lost or changed, an
entry of an evidence trail lost, or a changed figure, unless
the change is expected: the file of expected changes names, per addon
version, the figures its migration changes on purpose, and a change is only
accepted when the database came from an older version of that addon.
"""

import argparse
import json
import sys


def version_key(version):
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def read_expected(path):
    """``[(addon, version, section, figure, why)]`` from lines
    ``addon version section.figure why...``; # starts a comment."""
    expected = []
    if not path:
        return expected
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            addon, version, figure, why = line.split(None, 3)
            section, _dot, name = figure.partition(".")
            expected.append((addon, version, section, name, why))
    return expected


def why_expected(expected, versions, section, name):
    for addon, version, exp_section, exp_name, why in expected:
        if (exp_section, exp_name) != (section, name):
            continue
        old = versions.get(addon)
        if old and version_key(old) < version_key(version):
            return f"{addon} {version}: {why}"
    return None


def compare(before, after, expected):
    problems, notes = [], []
    for model, count in sorted(before["rows"].items()):
        now = after["rows"].get(model)
        if now is None:
            problems.append(f"rows: model {model} is gone ({count} rows before)")
        elif now < count:
            problems.append(f"rows: {model} lost {count - now} of {count} rows")
    for section in ("documents", "evidence"):
        for key, value in sorted(before.get(section, {}).items()):
            now = after.get(section, {}).get(key)
            if now is None:
                problems.append(f"{section}: {key} is gone")
            elif section == "documents" and now != value:
                problems.append(f"documents: {key}: its content changed")
            elif section == "evidence" and now < value:
                problems.append(f"evidence: {key} lost {value - now} of {value}")
    for section in ("contracts", "compliance"):
        for key, figures in sorted(before.get(section, {}).items()):
            later = after.get(section, {}).get(key)
            if later is None:
                problems.append(f"{section}: {key} is gone")
                continue
            for name, value in sorted(figures.items()):
                if name not in later or later[name] == value:
                    continue
                change = f"{section}: {key} {name}: {value!r} -> {later[name]!r}"
                why = why_expected(expected, before["versions"], section, name)
                if why:
                    notes.append(f"{change} (expected, {why})")
                else:
                    problems.append(change)
    return problems, notes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--expected")
    args = parser.parse_args()
    with open(args.before, encoding="utf-8") as file:
        before = json.load(file)
    with open(args.after, encoding="utf-8") as file:
        after = json.load(file)
    problems, notes = compare(before, after, read_expected(args.expected))
    for line in notes:
        print("changed as expected:", line)
    for line in problems:
        print("FAIL:", line)
    rows = sum(before["rows"].values())
    print(
        f"{len(before['contracts'])} contracts, {len(before.get('compliance', {}))} "
        f"compliance lines, {len(before.get('documents', {}))} files, "
        f"{sum(before.get('evidence', {}).values())} evidence entries and {rows} rows "
        f"compared: {len(problems)} problem(s), "
        f"{len(notes)} expected change(s)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
