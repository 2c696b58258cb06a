"""docs/redaction.md documents the command contract and every category."""

from __future__ import annotations

from pathlib import Path

from joinedup.disclosure.redaction import categories

DOC = (Path(__file__).resolve().parents[3] / "docs" / "redaction.md").read_text(encoding="utf-8")


def test_the_command_contract_is_documented() -> None:
    assert (
        "joinedup redact-text IN.txt --known PEOPLE.csv --out OUT.txt [--spans SPANS.json]" in DOC
    )
    assert "`{start, end, category, text, source, person_ref}`" in DOC
    for column in ("record_id", "other_names", "address", "email", "vehicle", "person_id"):
        assert f"`{column}`" in DOC


def test_every_category_and_its_label_is_documented() -> None:
    for category in categories().values():
        assert f"| `{category.category}` | {category.label} |" in DOC
