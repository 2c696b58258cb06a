from __future__ import annotations

from collections.abc import Callable
from datetime import date

from joinedup.web.documents.models import Document
from joinedup.web.documents.services import ingest, search
from joinedup.web.documents.services.pages import Filters, find_documents
from joinedup.web.documents.services.tags import tag_document
from tests.web.documents import samples
from tests.web.documents.conftest import Setting


def _references(typed: str, filters: Filters | None = None) -> list[str]:
    found = find_documents(typed, filters or Filters())
    return [r.document.reference for r in found.results]


def test_the_query_is_read_the_same_for_both_databases() -> None:
    query = search.parse_query('missing "strategy meeting" it\'s -x')
    assert query.parts == (("missing",), ("strategy", "meeting"), ("it", "s"), ("x",))
    assert query.for_sqlite() == '"missing" "strategy meeting" "it s" "x"'
    assert query.for_postgres() == 'missing "strategy meeting" "it s" x'
    assert not search.parse_query(' "" -- ')


def test_words_are_found_in_any_form_and_all_must_appear(
    setting: Setting, add: Callable[..., Document]
) -> None:
    add("a.txt", b"The child went missing from the care home twice.")
    add("b.pdf", samples.pdf_with_text("Strategy meeting held after the missing episode."))
    add("c.txt", b"School attendance letter.", title="Attendance")
    assert _references("missing") == ["INQ000001", "INQ000002"] or _references("missing") == [
        "INQ000002",
        "INQ000001",
    ]
    assert _references("meetings") == ["INQ000002"]
    assert _references("missing strategy") == ["INQ000002"]
    assert _references('"meeting held"') == ["INQ000002"]
    assert _references('"held meeting"') == []
    assert _references("attendance") == ["INQ000003"]
    assert _references("nowhere") == []


def test_the_title_counts_above_the_text(setting: Setting, add: Callable[..., Document]) -> None:
    add("a.txt", b"A referral was made about exploitation concerns.", title="Letter")
    add("b.txt", b"Some text.", title="Exploitation referral")
    assert _references("exploitation")[0] == "INQ000002"


def test_snippets_highlight_matches_and_escape_the_text(
    setting: Setting, add: Callable[..., Document]
) -> None:
    add("a.txt", b"Note <script>alert(1)</script> the child was missing overnight.")
    [result] = find_documents("missing", Filters()).results
    assert "<mark>missing</mark>" in result.snippet
    assert "alert(1)" in result.snippet
    assert "<script>" not in result.snippet  # escaped (SQLite) or dropped (PostgreSQL)


def test_filters_by_line_agency_and_date(setting: Setting, add: Callable[..., Document]) -> None:
    early = add("a.txt", b"missing report one", dated=date(2015, 3, 1), agency=setting.police)
    add("b.txt", b"missing report two", dated=date(2019, 6, 1), agency=setting.council)
    tag_document(early, setting.lines[0], setting.user)
    assert _references("missing", Filters(line=setting.lines[0])) == ["INQ000001"]
    assert _references("missing", Filters(agency=setting.council)) == ["INQ000002"]
    assert _references("missing", Filters(dated_from=date(2016, 1, 1))) == ["INQ000002"]
    assert _references("missing", Filters(dated_to=date(2016, 1, 1))) == ["INQ000001"]
    assert _references("", Filters(agency=setting.police)) == ["INQ000001"]


def test_the_index_follows_the_latest_version(
    setting: Setting, add: Callable[..., Document]
) -> None:
    document = add("a.txt", b"Draft mentioning the takeaway.")
    ingest.add_version(document, uploaded_name="a2.txt", data=b"Final mentioning the park.",
                       user=setting.user)  # fmt: skip
    assert _references("takeaway") == []
    assert _references("park") == ["INQ000001"]
