"""The staff pages: preview, then publish; only roles that may publish statistics."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from joinedup.web.transparency.models import Publication
from tests.web.transparency.conftest import child

pytestmark = pytest.mark.django_db


def test_a_manager_previews_then_publishes(
    signed_in_client: Callable[..., Any], items: dict[str, Any]
) -> None:
    items["referrals"] = [child()] * 3 + [child("Male")] * 12
    client = signed_in_client("team_manager")
    page = client.get(reverse("transparency:index"), {"year": "2024", "profile": "nhs"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Preview: April 2024 to March 2025" in text
    assert "referrals 2024-25 by-sex" in text
    assert not Publication.objects.exists()  # previewing publishes nothing
    done = client.post(reverse("transparency:publish"), {"year": "2024", "profile": "nhs"})
    made = Publication.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse(
        "public:publication", args=[made.pk]
    )


def test_publishing_again_without_a_note_shows_the_error_summary(
    signed_in_client: Callable[..., Any], items: dict[str, Any]
) -> None:
    client = signed_in_client("administrator")
    client.post(reverse("transparency:publish"), {"year": "2024", "profile": "dfe"})
    again = client.post(reverse("transparency:publish"), {"year": "2024", "profile": "dfe"})
    assert again.status_code == 200
    text = again.content.decode()
    assert "There is a problem" in text and "already published" in text
    assert Publication.objects.count() == 1


def test_a_bad_year_is_an_error_not_a_crash(signed_in_client: Callable[..., Any]) -> None:
    client = signed_in_client("administrator")
    response = client.post(reverse("transparency:publish"), {"year": "1999", "profile": "nhs"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize("role", ["specialist_practitioner", "auditor", "inquiry_team"])
def test_roles_without_publish_statistics_cannot_publish(
    signed_in_client: Callable[..., Any], role: str
) -> None:
    client = signed_in_client(role)
    assert (
        client.post(reverse("transparency:publish"), {"year": "2024", "profile": "nhs"}).status_code
        == 403
    )
    assert not Publication.objects.exists()
