"""Page text and data files use non-blaming language; the data files load and cite
their sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from joinedup.web.cases.services import vocabularies

APP = Path(vocabularies.__file__).parents[1]
BLAMING = (
    "putting themselves at risk",
    "promiscuous",
    "lifestyle choice",
    "consenting to",
    "risk-taking behaviour",
    "prostituting",
)


def _texts() -> list[Path]:
    found = [*APP.glob("templates/**/*.html"), *APP.glob("data/*.yaml")]
    assert len(found) > 10, "templates and data files were found"
    return found


@pytest.mark.parametrize("path", _texts(), ids=lambda p: p.name)
def test_no_blaming_language(path: Path) -> None:
    text = " ".join(path.read_text("utf-8").lower().split())
    assert [phrase for phrase in BLAMING if phrase in text] == []


def test_the_scan_would_catch_a_blaming_phrase(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text("<p>The child was\n  putting themselves at risk</p>")
    with pytest.raises(AssertionError):
        test_no_blaming_language(bad)


@pytest.mark.parametrize("name", ["context_kinds", "plan_types", "flags", "timescales"])
def test_each_data_file_cites_its_source(name: str) -> None:
    header = (APP / "data" / f"{name}.yaml").read_text("utf-8").split("version:")[0]
    assert "Source" in header or "source" in header


def test_the_vocabularies_load() -> None:
    assert set(vocabularies.context_kinds()) == {
        "place",
        "peer_group",
        "school",
        "online_space",
        "other",
    }
    assert set(vocabularies.flag_definitions()) == {"cse", "cce"}
    assert all(f.definition and f.source for f in vocabularies.flag_definitions().values())
    assert "child_protection_plan" in vocabularies.plan_types()
    assert vocabularies.review_due_soon_days() == 7
