"""A demo borough, seeded and published as `joinedup demo` does: counting from the real
records, three publications, and the public site and annual report serving them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from joinedup.transparency import financial_year_of
from joinedup.web.accounts.demo import create_demo_users
from joinedup.web.cases.models import CaseFlag
from joinedup.web.demo import seed_demo_casework
from joinedup.web.demo.cast import Cast, cast_for_demo
from joinedup.web.demo.transparency import seed_transparency
from joinedup.web.frontdoor.models import Contact
from joinedup.web.records.models import EventParticipant
from joinedup.web.transparency.models import Publication
from joinedup.web.transparency.services.counting import age_on, count_items

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Cast, list[str]]]:
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("JOINEDUP_DATA_DIR", str(tmp_path_factory.mktemp("demo-data")))
        _borough(tmp_path_factory.mktemp("demo-borough"))
        create_demo_users()
        assert seed_demo_casework(seed=2026) is not None
        cast = cast_for_demo()
        lines = seed_transparency(cast)
        yield cast, lines
        from joinedup.web.children.services.contexts import forget_cached_contexts
        from joinedup.web.children.services.tables import forget_cached_tables

        forget_cached_tables()
        forget_cached_contexts()
        call_command("flush", interactive=False, verbosity=0)


def _borough(folder: Path) -> None:
    from joinedup.synth import generate_borough
    from joinedup.web.analysis.screening import screen_everyone
    from joinedup.web.people.linking import link_everyone
    from joinedup.web.records.importing import import_export

    generate_borough(folder, children=60, years=(1995, 2025), seed=2026)
    manifest = json.loads((folder / "manifest.json").read_text())
    for export in manifest["exports"]:
        files = [folder / f for f in export["files"]]
        import_export(export["agency"], folder / export["mapping"], files, user="test")
    link_everyone("test")
    screen_everyone("test", as_of=date(2025, 12, 31))


def test_three_years_are_published_by_the_administrator(demo: tuple[Cast, list[str]]) -> None:
    cast, lines = demo
    current = financial_year_of(cast.today)
    published = Publication.objects.order_by("year")
    assert [p.year for p in published] == [current.start - 2, current.start - 1, current.start]
    assert [p.complete for p in published] == [True, True, False]
    assert {p.published_by.username for p in published} == {"demo.admin"}
    assert all(p.profile_id == "nhs v1" for p in published)
    assert len(lines) == 3 and all(line.startswith("Published") for line in lines)


def test_referrals_and_flagged_children_are_counted_from_the_records(
    demo: tuple[Cast, list[str]],
) -> None:
    cast, _ = demo
    year = financial_year_of(cast.today)
    counted_to = year.counted_to(cast.today)
    contacts = Contact.objects.filter(received_at__date__gte=year.first_day,
                                      received_at__date__lte=counted_to)  # fmt: skip
    assert len(count_items("referrals", year, counted_to)) == contacts.count() > 0
    flagged = CaseFlag.objects.filter(
        set_at__date__gte=year.first_day, set_at__date__lte=counted_to, flag__in=("cse", "cce")
    )
    children = set(flagged.values_list("case__person_id", flat=True))
    assert len(count_items("children_flagged", year, counted_to)) == len(children)


def test_the_core_data_set_counts_victims_and_suspects(demo: tuple[Cast, list[str]]) -> None:
    named = EventParticipant.objects.filter(role__in=("victim", "suspect"))
    latest = named.order_by("-event__occurred_on").values_list("event__occurred_on", flat=True)[0]
    year = financial_year_of(latest)
    in_year = named.filter(event__occurred_on__gte=year.first_day,
                           event__occurred_on__lte=year.last_day)  # fmt: skip
    items = count_items("core_data_set", year, year.last_day)
    assert len(items) == len(set(in_year.values_list("person_id", "role"))) > 0
    assert {i["role"] for i in items} <= {"Victim", "Alleged perpetrator"}
    assert {i["ethnicity_recording"] for i in items} <= {"Recorded", "Not stated", "Not known"}


def test_the_public_site_serves_the_demo_boroughs_figures(demo: tuple[Cast, list[str]]) -> None:
    client = Client()
    latest = Publication.objects.filter(superseded_by__isnull=True).order_by("-year").first()
    assert latest is not None
    home = client.get(reverse("public:home")).content.decode()
    assert f"publication {latest.pk}" in home
    figure = client.get(reverse("public:figure", args=[latest.pk, "referrals"]))
    assert figure.status_code == 200
    complete = Publication.objects.filter(complete=True).order_by("-year").first()
    assert complete is not None
    report = client.get(reverse("public:annual-report", args=[complete.year]))
    assert report.status_code == 200


def test_ages_from_partial_dates_of_birth() -> None:
    assert age_on("2010-05-20", date(2024, 5, 19)) == 13
    assert age_on("2010-05-20", date(2024, 5, 20)) == 14
    assert age_on("2010", date(2024, 6, 30)) == 13  # a year alone counts from 1 July
    assert age_on("", date(2024, 1, 1)) is None
    assert age_on("2030", date(2024, 1, 1)) is None
