"""The review queue: which pairs, in what order, filtered, paginated, and for whom."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.people import models as pm
from joinedup.web.reviews.services.explanation import person_explanation, strongest
from tests.web.conftest import SignedInClient

pytestmark = pytest.mark.django_db

Pairs = Callable[[], list[pm.ReviewPair]]


def _listed(text: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/review/(\d+)/[^"]*">Pair \d+</a>', text)]


def test_the_queue_lists_open_pairs_oldest_run_first_then_most_likely(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs
) -> None:
    page = signed_in_client().get("/review/")
    assert page.status_code == 200
    assert _listed(page.text) == [p.pk for p in open_pairs()][:25]
    assert f"{len(open_pairs())} pair" in page.text


def test_each_row_names_references_and_the_evidence_that_moved_the_score_most(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs
) -> None:
    first = open_pairs()[0]
    text = signed_in_client().get("/review/").text
    row = text.split(f'href="/review/{first.pk}/"')[1].split("</tr>")[0]
    assert f"{first.record_a.agency.code}:{first.record_a.source_id}" in row
    assert f"{first.record_b.agency.code}:{first.record_b.source_id}" in row
    for field in strongest(person_explanation(first.explanation)):
        assert field.sentence in row
    assert first.record_a.surname.title() not in row, "names are on the pair's page only"


def test_filtering_by_agency_keeps_pairs_with_a_record_of_that_agency(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs
) -> None:
    code = open_pairs()[0].record_a.agency.code
    wanted = [p.pk for p in open_pairs() if code in (p.record_a.agency.code,
                                                    p.record_b.agency.code)]  # fmt: skip
    text = signed_in_client().get(f"/review/?agency={code}").text
    assert _listed(text) == wanted[:25]
    assert f'href="/review/{wanted[0]}/?agency={code}"' in text, "the filter follows the pair"
    assert "Clear filters" in text


def test_filtering_by_band_keeps_pairs_of_that_probability(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs
) -> None:
    client = signed_in_client()
    for band, low, high in (("high", 0.9, 1.01), ("middle", 0.7, 0.9), ("low", 0.0, 0.7)):
        wanted = [p.pk for p in open_pairs() if low <= p.match_probability < high]
        assert _listed(client.get(f"/review/?band={band}").text) == wanted[:25], band


def test_an_unknown_filter_value_gets_the_error_summary(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs
) -> None:
    page = signed_in_client().get("/review/?agency=NOPE")
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert '<a href="#id_agency">Select an agency</a>' in page.text
    assert "<title>Error: Review links" in page.text


def test_the_queue_is_paginated(
    signed_in_client: Callable[..., SignedInClient],
    open_pairs: Pairs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("joinedup.web.reviews.views.queue.PAGE_SIZE", 2)
    expected = [p.pk for p in open_pairs()]
    client = signed_in_client()
    first = client.get("/review/").text
    assert _listed(first) == expected[:2]
    assert 'href="?page=2" rel="next"' in first
    second = client.get("/review/?page=2").text
    assert _listed(second) == expected[2:4]
    assert 'href="?page=1" rel="prev"' in second


@pytest.mark.parametrize("role", ["school_safeguarding_lead", "health_safeguarding_lead",
                                  "auditor", "inquiry_team"])  # fmt: skip
def test_roles_without_review_links_are_refused(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs, role: str
) -> None:
    client = signed_in_client(role)
    pair = open_pairs()[0]
    assert client.get("/review/").status_code == 403
    assert client.get(f"/review/{pair.pk}/").status_code == 403
    assert client.get("/review/entities/").status_code == 403
    refused = client.post(f"/review/{pair.pk}/", {"decision": "same", "reason": "same NHS no"})
    assert refused.status_code == 403
    assert not pm.LinkDecision.objects.exists()


@pytest.mark.parametrize("role", ["specialist_practitioner", "team_manager", "police_analyst"])
def test_roles_with_review_links_see_the_queue_and_its_navigation_link(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs, role: str
) -> None:
    text = signed_in_client(role).get("/review/").text
    assert 'govuk-service-navigation__link" href="/review/" aria-current="page"' in text


def test_the_entity_tab_lists_place_vehicle_phone_and_organisation_pairs(
    signed_in_client: Callable[..., SignedInClient], borough: Any
) -> None:
    waiting = pm.EntityReviewPair.objects.filter(status="open").order_by(
        "run_id", "-match_probability", "pk")  # fmt: skip
    text = signed_in_client().get("/review/entities/").text
    listed = [int(pk) for pk in re.findall(r'href="/review/entities/(\d+)/">Pair', text)]
    assert listed == [p.pk for p in waiting][:25]
    assert f"Places, vehicles, phones and organisations ({waiting.count()}" in text
    kind = waiting.first().kind if waiting.exists() else "place"
    only = signed_in_client().get(f"/review/entities/?kind={kind}").text
    kinds = re.findall(r'<td class="govuk-table__cell">(Place|Vehicle|Phone|Organisation)</td>',
                       only)  # fmt: skip
    assert set(kinds) <= {kind.capitalize()}
