"""The CSV loader: the shipped example imports; every bad row is named; all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from joinedup.errors import FileFormatError, ValidationFailed
from joinedup.web.audit.models import AuditEntry
from joinedup.web.recommendations.models import Action, Recommendation
from joinedup.web.recommendations.services.importing import import_csv
from tests.web.recommendations.conftest import Tracker

pytestmark = pytest.mark.django_db

EXAMPLE = (
    Path(__file__).parents[3] / "joinedup/web/recommendations/data/example_recommendations.csv"
)
HEADER = "recommendation,action,text,lead_agency,owner_agency,due\n"


def _upload(client: Any, source_id: int, name: str, content: bytes) -> Any:
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(f"/recommendations/sources/{source_id}/import/", {"file": upload})


def test_the_shipped_example_imports_through_the_page_and_is_audited_once(
    signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    client = signed_in_client("team_manager", user=tracker.manager)
    text = EXAMPLE.read_text().replace("\n1,", "\n11,").replace(",1.", ",11.")
    page = _upload(client, tracker.source.pk, "example.csv", text.encode())
    assert page.status_code == 302, page.text
    made = Recommendation.objects.filter(source=tracker.source).exclude(number="1")
    assert sorted(made.values_list("number", flat=True)) == ["11", "2", "3"]
    assert Action.objects.filter(recommendation__in=made).count() == 6
    assert Recommendation.objects.get(source=tracker.source, number="2").theme == "licensing"
    action = Action.objects.get(recommendation__number="3", number="3.2")
    assert (action.owning_agency.code, action.due.isoformat()) == ("CSC", "2026-08-31")
    assert list(action.updates.values_list("kind", flat=True)) == ["added"]
    entry = AuditEntry.objects.get(action="recommendations.imported")
    assert entry.detail["file"] == "example.csv" and len(entry.detail["actions"]) == 6
    assert len(entry.detail["sha256"]) == 64


def test_every_bad_row_is_named_by_file_row_field_and_what_was_expected_and_nothing_is_written(
    tracker: Tracker,
) -> None:
    content = (
        HEADER + "5,,A recommendation,XYZ,,\n"
        "5,5.1,Good action,,CSC,2031-01-31\n"
        "5,6.1,Wrong number,,CSC,2031-01-31\n"
        "7,7.1,No such recommendation,,CSC,31/01/2031\n"
        "1,,Already there,CSC,,\n"
    )
    with pytest.raises(ValidationFailed) as failed:
        import_csv(tracker.manager, tracker.source, "recs.csv", content.encode())
    found = {(p.row, p.field): p for p in failed.value.problems}
    assert set(found) == {
        (2, "lead_agency"),
        (4, "action"),
        (5, "recommendation"),
        (5, "due"),
        (6, "recommendation"),
    }
    assert (
        found[(2, "lead_agency")].value == "XYZ"
        and "agency code" in found[(2, "lead_agency")].expected
    )
    assert found[(5, "due")].expected.startswith("a date as YYYY-MM-DD")
    assert str(found[(4, "action")]).startswith("recs.csv, row 4, field 'action': found '6.1'")
    assert Recommendation.objects.count() == 1 and Action.objects.count() == 1
    assert not AuditEntry.objects.filter(action="recommendations.imported").exists()


def test_the_page_lists_the_problems_and_imports_nothing(
    signed_in_client: Callable[..., Any], tracker: Tracker
) -> None:
    client = signed_in_client("administrator")
    page = _upload(client, tracker.source.pk, "bad.csv", (HEADER + "9,9.1,No due,,CSC,\n").encode())
    assert page.status_code == 200
    assert "nothing was imported" in page.text
    assert "bad.csv, row 2, field &#x27;recommendation&#x27;" in page.text
    assert "bad.csv, row 2, field &#x27;due&#x27;" in page.text
    assert not Recommendation.objects.filter(number="9").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"recommendation,text\n1,x\n", "the header must name the columns"),
        (HEADER.encode(), "has a header but no rows"),
        (
            "recommendation,action,text,lead_agency,owner_agency,due\n1,,\xe9,CSC,,\n".encode(
                "latin-1"
            ),
            "not UTF-8",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(
    tracker: Tracker, content: bytes, message: str
) -> None:
    with pytest.raises(FileFormatError, match=message):
        import_csv(tracker.manager, tracker.source, "x.csv", content)
    assert Recommendation.objects.count() == 1


def test_an_action_may_join_a_recommendation_already_in_the_source(tracker: Tracker) -> None:
    done = import_csv(
        tracker.manager,
        tracker.source,
        "more.csv",
        (HEADER + "1,1.2,Publish,,POL,2031-06-30\n").encode(),
    )
    assert (done.recommendations, done.actions) == ([], ["1.2"])
    assert tracker.recommendation.actions.count() == 2


def test_only_managers_may_import(signed_in_client: Callable[..., Any], tracker: Tracker) -> None:
    client = signed_in_client("specialist_practitioner")
    page = _upload(client, tracker.source.pk, "x.csv", (HEADER + "4,,Text,CSC,,\n").encode())
    assert page.status_code == 403
    assert not Recommendation.objects.filter(number="4").exists()
