"""Pure-Python tests of the static-check helpers (no Odoo needed)."""

import static_checks


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_valid(tmp_path):
    path = write(tmp_path, "ok.csv", 'id,name\nx1,"a, b"\n\nx2,c\n')
    assert static_checks.csv_errors(path) == []


def test_csv_column_count_mismatch(tmp_path):
    path = write(tmp_path, "bad.csv", "id,name\nx1,a,extra\n")
    (error,) = static_checks.csv_errors(path)
    assert ":2: 3 columns, header has 2" in error


def test_csv_empty_and_bad_header(tmp_path):
    assert static_checks.csv_errors(write(tmp_path, "e.csv", "\n"))
    errors = static_checks.csv_errors(write(tmp_path, "h.csv", "id,,id\n1,2,3\n"))
    assert len(errors) == 2


def test_xml(tmp_path):
    good = write(tmp_path, "good.xml", "<odoo><record id='a' model='b'/></odoo>")
    bad = write(tmp_path, "bad.xml", "<odoo><record></odoo>")
    assert static_checks.xml_errors(good) == []
    assert static_checks.xml_errors(bad)


def test_iter_files_skips_caches(tmp_path):
    write(tmp_path, "a.xml", "<a/>")
    (tmp_path / "__pycache__").mkdir()
    write(tmp_path / "__pycache__", "b.xml", "<b/>")
    assert [p.name for p in static_checks.iter_files(tmp_path, ".xml")] == ["a.xml"]


def test_manifestoo_filter_ignores_only_listed_missing_core_addons():
    out = (
        "could not obtain odoo.addons.__path__ using /usr/bin/python3\n"
        "mail not found\nfoo not found\nx (OPL-1) depends on y (AGPL-3)\n"
    )
    problems, ignored = static_checks.filter_manifestoo_output(out, {"mail"})
    assert ignored == ["mail not found"]
    assert problems == ["foo not found", "x (OPL-1) depends on y (AGPL-3)"]


def test_manifestoo_filter_keeps_everything_when_odoo_is_importable():
    out = "could not obtain odoo.addons.__path__ using python\nmail not found\n"
    problems, ignored = static_checks.filter_manifestoo_output(out, set())
    assert len(problems) == 2 and ignored == []


def test_unimported_test_modules(tmp_path):
    tests = tmp_path / "tests"
    (tests / "meetings").mkdir(parents=True)
    for rel in ("test_top.py", "meetings/test_one.py", "meetings/test_two.py"):
        (tests / rel).write_text("")
    (tests / "meetings" / "common_meetings.py").write_text("")
    (tests / "__init__.py").write_text(
        "from . import test_top\nfrom .meetings import test_one\n"
    )
    missing = static_checks.unimported_test_modules(tests)
    assert [m.split(":")[0] for m in missing] == [str(tests / "meetings/test_two.py")]
    (tests / "__init__.py").write_text(
        "from . import test_top\nfrom .meetings import test_one, test_two\n"
    )
    assert static_checks.unimported_test_modules(tests) == []


def test_unimported_test_modules_without_init(tmp_path):
    (tmp_path / "test_alone.py").write_text("")
    assert len(static_checks.unimported_test_modules(tmp_path)) == 1


def test_translations_without_env(tmp_path):
    module = tmp_path / "model.py"
    module.write_text(
        "def f(self, records):\n"
        "    ok = _('Plain')\n"
        "    also_ok = [self.env._('Env %s', r) for r in records]\n"
        "    bad = [_('Row %s', r) for r in records]\n"
        "    worse = lambda r: _('Later')\n"
        "    fine = [str(t) for t in (_('Evaluated'), _('outside'))]\n",
        encoding="utf-8",
    )
    assert static_checks.translations_without_env(module) == [
        f"{module}:4: _() in a comprehension or lambda",
        f"{module}:5: _() in a comprehension or lambda",
    ]
