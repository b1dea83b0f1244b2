#!/usr/bin/env python3
"""Static checks of the addons; they need the test tools but not Odoo.

Run from anywhere: ``python3 tests/static_checks.py [--addons-dir DIR]``.
Each check prints its name and PASS or FAIL; the exit status is 1 when any
check failed. ``tests/run.sh`` runs this script before the Odoo tests.

The addons directory defaults to ``$HCC_ADDONS_DIR`` or ``<repo>/addons``.
"""

import argparse
import ast
import csv
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# addons that must exist; every other addon folder of the directory is checked too
ADDONS = ("hcc_contracts", "hcc_contracts_reports")
ODOO_SERIES = "18.0"
# Directories never scanned for XML/CSV files.
SKIP_DIRS = {".git", "__pycache__", "node_modules", ".venv", "build", "dist"}


def iter_files(root, suffix):
    """Yield files under ``root`` whose name ends with ``suffix``, sorted."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        found.extend(
            Path(dirpath, name) for name in filenames if name.lower().endswith(suffix)
        )
    return sorted(found)


def xml_errors(path):
    """Return a list of parse errors of one XML file (empty when it parses)."""
    from lxml import etree

    try:
        etree.parse(str(path), etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        return [f"{path}: {exc}"]
    return []


def csv_errors(path):
    """Return the problems of one CSV file: it needs a header row naming every
    column (no empty or duplicate names) and every data row must have as many
    columns as the header. Blank lines are ignored."""
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh, strict=True))
    except (csv.Error, UnicodeDecodeError) as exc:
        return [f"{path}: cannot be parsed: {exc}"]
    rows = [(lineno, row) for lineno, row in enumerate(rows, 1) if row]
    if not rows:
        return [f"{path}: empty file, a header row is required"]
    errors = []
    header_line, header = rows[0]
    names = [name.strip() for name in header]
    if any(not name for name in names):
        errors.append(f"{path}:{header_line}: header has an empty column name")
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        errors.append(f"{path}:{header_line}: duplicate columns {duplicates}")
    for lineno, row in rows[1:]:
        if len(row) != len(header):
            errors.append(
                f"{path}:{lineno}: {len(row)} columns, header has {len(header)}"
            )
    return errors


def unimported_test_modules(tests_dir):
    """The ``test_*.py`` files below ``tests_dir`` that its ``__init__.py``
    does not import by name (``from . import test_x`` or ``from .feature
    import test_x``): Odoo's test runner only runs the test modules it finds
    among the names of the ``tests`` package, so any other is never run."""
    tests_dir = Path(tests_dir)
    init = tests_dir / "__init__.py"
    imported = set()
    if init.is_file():
        for node in ast.walk(ast.parse(init.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                package = tuple(node.module.split(".")) if node.module else ()
                imported |= {(*package, alias.name) for alias in node.names}
    missing = []
    for path in sorted(tests_dir.rglob("test_*.py")):
        parts = path.relative_to(tests_dir).with_suffix("").parts
        if parts not in imported:
            missing.append(f"{path}: not imported by {init}")
    return missing


def translations_without_env(path):
    """Calls of ``_()`` inside a comprehension or a lambda of ``path``: on
    Python 3.11 these run in a frame of their own, without ``self``, where
    Odoo's ``_()`` finds no language outside a request (a cron, a server
    action): it logs a warning and leaves the text untranslated. There,
    ``self.env._()`` says which environment translates."""
    scopes = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda)
    found = []

    def visit(node, inside):
        if (
            inside
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "_"
        ):
            found.append(f"{path}:{node.lineno}: _() in a comprehension or lambda")
        if isinstance(node, scopes[:4]):
            # the first iterable of a comprehension is evaluated outside it
            first = node.generators[0]
            visit(first.iter, inside)
            for child in ast.iter_child_nodes(node):
                if child is not first:
                    visit(child, True)
            for child in (first.target, *first.ifs):
                visit(child, True)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, inside or isinstance(node, scopes))

    visit(ast.parse(Path(path).read_text(encoding="utf-8")), False)
    return found


def core_addons():
    """Names of the Odoo 18 core addons (CE and EE), per manifestoo-core."""
    try:
        from manifestoo_core.core_addons import get_core_addons
        from manifestoo_core.odoo_series import OdooSeries
    except ImportError:
        return set()
    return set(get_core_addons(OdooSeries(ODOO_SERIES)))


def odoo_importable():
    return (
        subprocess.run(
            [sys.executable, "-c", "import odoo.release"],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )


NOT_FOUND_RE = re.compile(r"^(\w+) not found$")
NO_ODOO_PATH_RE = re.compile(r"^could not obtain odoo\.addons\.__path__ using ")


def filter_manifestoo_output(output, ignorable_missing):
    """Split manifestoo output into (problems, ignored "not found" lines).

    Without an importable Odoo the core addons our addons depend on (mail,
    calendar, ...) cannot be located; their "<addon> not found" lines (and
    manifestoo's notice that it could not import Odoo) are then ignored: their
    licence/status is not checked. Everything else counts.
    """
    problems, ignored = [], []
    for line in output.splitlines():
        if not line.strip():
            continue
        if ignorable_missing and NO_ODOO_PATH_RE.match(line.strip()):
            continue
        match = NOT_FOUND_RE.match(line.strip())
        if match and match.group(1) in ignorable_missing:
            ignored.append(line.strip())
        else:
            problems.append(line)
    return problems, ignored


class Checker:
    def __init__(self, addons_dir):
        self.addons_dir = Path(addons_dir).resolve()
        self.results = []

    def record(self, name, ok, details=""):
        if details:
            print(details.rstrip())
        print(f"{name}: {'PASS' if ok else 'FAIL'}", flush=True)
        self.results.append((name, ok))

    def run_tool(self, name, cmd):
        print(f"== {name}: {' '.join(str(c) for c in cmd)}", flush=True)
        proc = subprocess.run(
            cmd,
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
        )
        return proc.returncode, (proc.stdout + proc.stderr)

    def python_targets(self):
        targets = [self.addons_dir, REPO / "tests"]
        targets += [p for p in (REPO / "conftest.py",) if p.exists()]
        return [str(t) for t in targets]

    def check_ruff(self):
        config = str(REPO / "ruff.toml")
        base = [sys.executable, "-m", "ruff"]
        rc, out = self.run_tool(
            "ruff check",
            [*base, "check", "--config", config, "--no-fix", *self.python_targets()],
        )
        self.record("ruff check", rc == 0, out)
        rc, out = self.run_tool(
            "ruff format --check",
            [*base, "format", "--check", "--config", config, *self.python_targets()],
        )
        self.record("ruff format --check", rc == 0, out)

    def check_pylint(self, name, rcfile, *extra):
        missing = [a for a in ADDONS if not (self.addons_dir / a).is_dir()]
        if missing:
            self.record(name, False, f"missing addon folders: {missing}")
            return
        addons = sorted(
            str(manifest.parent)
            for manifest in self.addons_dir.glob("*/__manifest__.py")
        )
        rc, out = self.run_tool(
            name,
            [
                sys.executable,
                "-m",
                "pylint",
                f"--rcfile={REPO / rcfile}",
                "--load-plugins=pylint_odoo",
                f"--valid-odoo-versions={ODOO_SERIES}",
                *extra,
                *addons,
            ],
        )
        self.record(name, rc == 0, out)

    def check_test_imports(self):
        name = "every test module imported by its tests/__init__.py"
        print(f"== {name}", flush=True)
        problems = []
        for tests_dir in sorted(self.addons_dir.glob("*/tests")):
            problems += unimported_test_modules(tests_dir)
        self.record(name, not problems, "\n".join(problems))

    def check_translations(self):
        name = "no _() where Odoo finds no language (comprehensions, lambdas)"
        print(f"== {name}", flush=True)
        problems = []
        for path in sorted(self.addons_dir.rglob("*.py")):
            if "tests" not in path.relative_to(self.addons_dir).parts:
                problems += translations_without_env(path)
        self.record(name, not problems, "\n".join(problems))

    def check_xml(self):
        name = "XML files parse (lxml)"
        print(f"== {name}", flush=True)
        try:
            import lxml  # noqa: F401
        except ImportError:
            self.record(name, False, "lxml is not installed")
            return
        files = iter_files(self.addons_dir, ".xml")
        errors = [err for path in files for err in xml_errors(path)]
        self.record(name, not errors, "\n".join([f"{len(files)} file(s)", *errors]))

    def check_csv(self):
        name = "CSV files parse (header, column counts)"
        print(f"== {name}", flush=True)
        files = iter_files(self.addons_dir, ".csv")
        errors = [err for path in files for err in csv_errors(path)]
        self.record(name, not errors, "\n".join([f"{len(files)} file(s)", *errors]))

    def check_manifestoo(self, subcommand):
        name = f"manifestoo {subcommand}"
        rc, out = self.run_tool(
            name,
            [
                sys.executable,
                "-m",
                "manifestoo",
                "--select-addons-dir",
                str(self.addons_dir),
                "--odoo-series",
                ODOO_SERIES,
                # look for the core addons with the interpreter under test
                "--addons-path-python",
                sys.executable,
                subcommand,
            ],
        )
        if rc == 0:
            self.record(name, True, out)
            return
        ignorable = set() if odoo_importable() else core_addons()
        problems, ignored = filter_manifestoo_output(out, ignorable)
        notes = []
        if ignored:
            notes.append(
                "note: Odoo is not importable, so these core dependencies were "
                "not checked: " + ", ".join(line.split()[0] for line in ignored)
            )
        self.record(name, not problems, "\n".join(problems + notes))

    def run(self):
        print(f"Static checks of {self.addons_dir}", flush=True)
        if not self.addons_dir.is_dir():
            self.record("addons directory exists", False, str(self.addons_dir))
            return 1
        self.check_ruff()
        self.check_pylint("pylint-odoo (mandatory checks)", ".pylintrc-mandatory")
        self.check_pylint(
            "pylint-odoo (every Odoo check for 18.0)",
            ".pylintrc",
            "--disable=prefer-env-translation,consider-merging-classes-inherited",
        )
        self.check_test_imports()
        self.check_translations()
        self.check_xml()
        self.check_csv()
        self.check_manifestoo("check-licenses")
        self.check_manifestoo("check-dev-status")
        failed = [name for name, ok in self.results if not ok]
        print(
            f"Static checks: {len(self.results) - len(failed)} passed, "
            f"{len(failed)} failed" + (f" ({', '.join(failed)})" if failed else "")
        )
        return 1 if failed else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--addons-dir",
        default=os.environ.get("HCC_ADDONS_DIR") or str(REPO / "addons"),
    )
    args = parser.parse_args(argv)
    return Checker(args.addons_dir).run()


if __name__ == "__main__":
    sys.exit(main())
