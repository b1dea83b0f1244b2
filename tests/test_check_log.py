"""Pure-Python tests of the Odoo log checker (no Odoo needed)."""

import re

import check_log

LOG = """\
2025-01-02 03:04:05,678 42 INFO db odoo.modules.loading: loading 1 modules...
2025-01-02 03:04:05,679 42 WARNING db odoo.addons.base: noise from the env
2025-01-02 03:04:05,680 42 ERROR db odoo.sql_db: bad query
Traceback (most recent call last):
  File "x.py", line 1, in <module>
psycopg2.errors.SyntaxError: oops
2025-01-02 03:04:05,681 42 INFO db odoo.modules.loading: done
2025-01-02 03:04:05,682 42 CRITICAL db odoo.service.server: Failed to init
"""


def test_scan_levels_and_tracebacks():
    offending, allowed = check_log.scan(
        LOG.splitlines(True), {"WARNING", "ERROR", "CRITICAL"}, []
    )
    assert allowed == []
    assert [entry[0].split()[3] for entry in offending] == [
        "WARNING",
        "ERROR",
        "CRITICAL",
    ]
    assert offending[1][-1] == "psycopg2.errors.SyntaxError: oops"


def test_allowlist(tmp_path):
    allow = tmp_path / "allow.txt"
    allow.write_text("# comment\n\nnoise from the env$\n", encoding="utf-8")
    patterns = check_log.load_allowlist(allow)
    assert [p.pattern for p in patterns] == ["noise from the env$"]
    offending, allowed = check_log.scan(LOG.splitlines(), {"WARNING"}, patterns)
    assert offending == [] and len(allowed) == 1


def test_main_exit_status(tmp_path, capsys):
    log = tmp_path / "odoo.log"
    log.write_text(LOG, encoding="utf-8")
    assert check_log.main([str(log)]) == 1
    assert "3 log line(s)" in capsys.readouterr().out
    clean = tmp_path / "clean.log"
    clean.write_text(LOG.splitlines(True)[0], encoding="utf-8")
    assert check_log.main([str(clean)]) == 0


def test_project_allowlist_compiles():
    path = check_log.__file__.replace("check_log.py", "log_allowlist.txt")
    for pattern in check_log.load_allowlist(path):
        assert isinstance(pattern, re.Pattern)
