"""Pure-Python tests of the upgrade test's comparison (no Odoo needed)."""

from upgrade import compare

EXPECTED = [
    ("hcc_contracts", "18.0.1.5.0", "contracts", "total_value", "recomputed"),
]


def snapshot(version, rows, total_value, rag="green"):
    return {
        "versions": {"hcc_contracts": version},
        "rows": {"hcc.contract": rows},
        "contracts": {"SCC/1": {"total_value": total_value, "rag_status": rag}},
    }


def test_same_figures_pass():
    before = snapshot("18.0.1.4.0", 3, 10.0)
    assert compare.compare(before, before, EXPECTED) == ([], [])


def test_a_lost_row_fails():
    problems, _notes = compare.compare(
        snapshot("18.0.1.5.0", 3, 10.0), snapshot("18.0.1.5.0", 2, 10.0), []
    )
    assert problems == ["rows: hcc.contract lost 1 of 3 rows"]


def test_a_lost_contract_fails():
    after = snapshot("18.0.1.5.0", 3, 10.0)
    after["contracts"] = {}
    problems, _notes = compare.compare(snapshot("18.0.1.5.0", 3, 10.0), after, [])
    assert problems == ["contracts: SCC/1 is gone"]


def test_a_changed_figure_fails_unless_a_newer_version_changes_it():
    after = snapshot("18.0.1.5.0", 3, 11.0, rag="red")
    # from a version before the migration: the value may change, the RAG not
    problems, notes = compare.compare(snapshot("18.0.1.4.0", 3, 10.0), after, EXPECTED)
    assert problems == ["contracts: SCC/1 rag_status: 'green' -> 'red'"]
    assert notes == [
        "contracts: SCC/1 total_value: 10.0 -> 11.0 "
        "(expected, hcc_contracts 18.0.1.5.0: recomputed)"
    ]
    # from the version that already had it: no change is expected any more
    problems, notes = compare.compare(snapshot("18.0.1.5.0", 3, 10.0), after, EXPECTED)
    assert len(problems) == 2 and notes == []


def test_expected_changes_file(tmp_path):
    path = tmp_path / "expected.txt"
    path.write_text(
        "# comment\n\n"
        "hcc_contracts  18.0.1.5.0  contracts.total_value  a reason # note\n",
        encoding="utf-8",
    )
    assert compare.read_expected(str(path)) == [
        ("hcc_contracts", "18.0.1.5.0", "contracts", "total_value", "a reason")
    ]


def test_a_file_lost_or_changed_and_a_lost_evidence_entry_fail():
    before = snapshot("18.0.1.5.0", 3, 10.0)
    before["documents"] = {"7 hcc.contract,1 letter.pdf": "aa", "8 x": "bb"}
    before["evidence"] = {"SCC/1": 4}
    after = snapshot("18.0.1.5.0", 3, 10.0)
    after["documents"] = {"7 hcc.contract,1 letter.pdf": "ab"}
    after["evidence"] = {"SCC/1": 3}
    problems, _notes = compare.compare(before, after, [])
    assert problems == [
        "documents: 7 hcc.contract,1 letter.pdf: its content changed",
        "documents: 8 x is gone",
        "evidence: SCC/1 lost 1 of 4",
    ]
