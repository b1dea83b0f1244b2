"""Repository-wide pytest hooks (must not import Odoo at module level).

* Tests collected from an Odoo addon (a folder holding ``__manifest__.py``) get
  the ``odoo`` marker, so ``-m "not odoo"`` selects the pure-Python tests only.
* Browser tours tagged ``hcc_tour`` are deselected: tests/run.sh runs them with
  Odoo's own test runner (``--test-tags``), which drives Chromium.
* With ``--odoo-database`` (pytest-odoo active) a run that selected no addon
  test ends with exit status 5 ("no tests collected"), even if the pure tests
  of tests/ ran: the addons' tests must never silently disappear.
"""

from pathlib import Path

import pytest

TOUR_TAG = "hcc_tour"
_ODOO_TESTS = pytest.StashKey[int]()


def _in_addon(path):
    return any((parent / "__manifest__.py").is_file() for parent in path.parents)


def pytest_collection_modifyitems(config, items):
    selected, deselected = [], []
    for item in items:
        if _in_addon(Path(str(item.path))):
            item.add_marker(pytest.mark.odoo)
        tags = getattr(getattr(item, "cls", None), "test_tags", None) or ()
        (deselected if TOUR_TAG in tags else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected
    config.stash[_ODOO_TESTS] = sum(
        1 for item in items if item.get_closest_marker("odoo") is not None
    )


def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if not _odoo_db_option(config) or exitstatus != pytest.ExitCode.OK:
        return
    if config.stash.get(_ODOO_TESTS, 0) == 0:
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        message = "no test of an Odoo addon was selected (pytest-odoo run)"
        if reporter is not None:
            reporter.write_line(f"ERROR: {message}", red=True)
        session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED


def _odoo_db_option(config):
    try:
        return config.getoption("--odoo-database")
    except ValueError:  # pytest-odoo not loaded (-p no:odoo)
        return None
