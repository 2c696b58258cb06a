"""The inquiry's staff: only a lead changes them, there is always a lead, and other apps
ask `staff_may`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from joinedup.errors import InputError
from joinedup.web.audit.models import AuditEntry
from joinedup.web.inquiry.models import Inquiry, InquiryStaff
from joinedup.web.inquiry.services import staff_may
from joinedup.web.inquiry.services.staff import StaffDraft, change_staff, name_staff, remove_staff

pytestmark = pytest.mark.django_db

READER = StaffDraft("Researcher", False, True, False)


def test_staff_may_says_what_each_named_member_may_do(
    inquiry: Inquiry, lead: Any, make_user: Callable[..., Any]
) -> None:
    reader = make_user("inquiry_team")
    name_staff(lead, inquiry, reader, READER)
    assert staff_may(reader, "reads_accounts") and staff_may(reader, "reads_accounts", inquiry)
    assert not staff_may(reader, "approves_releases") and not staff_may(reader, "is_lead")
    assert not staff_may(make_user("inquiry_team"), "reads_accounts"), "not named"
    with pytest.raises(ValueError, match="unknown"):
        staff_may(reader, "reads_minds")


def test_a_council_user_is_never_staff(
    inquiry: Inquiry, lead: Any, make_user: Callable[..., Any]
) -> None:
    manager = make_user("team_manager")
    with pytest.raises(InputError, match="inquiry team"):
        name_staff(lead, inquiry, manager, READER)
    InquiryStaff.objects.create(
        inquiry=inquiry,
        user=manager,
        is_lead=True,
        reads_accounts=True,
        named_at=inquiry.created_at,
    )
    assert not staff_may(manager, "reads_accounts"), "the role's capability comes first"


def test_only_a_lead_names_or_changes_staff(
    inquiry: Inquiry, lead: Any, make_user: Callable[..., Any]
) -> None:
    reader = make_user("inquiry_team")
    post = name_staff(lead, inquiry, reader, READER)
    with pytest.raises(InputError, match="Only a lead"):
        name_staff(reader, inquiry, make_user("inquiry_team"), READER)
    with pytest.raises(InputError, match="Only a lead"):
        change_staff(reader, post, StaffDraft("", True, True, True))
    assert not staff_may(reader, "is_lead")


def test_the_last_lead_can_be_neither_demoted_nor_removed(
    inquiry: Inquiry, lead: Any, make_user: Callable[..., Any]
) -> None:
    own = inquiry.staff.get(user=lead)
    with pytest.raises(InputError, match="always have a lead"):
        change_staff(lead, own, StaffDraft("", False, True, True))
    with pytest.raises(InputError, match="always have a lead"):
        remove_staff(lead, own)
    second = name_staff(
        lead, inquiry, make_user("inquiry_team"), StaffDraft("", True, False, False)
    )
    change_staff(lead, own, StaffDraft("Former lead", False, True, False))
    assert not staff_may(lead, "is_lead") and staff_may(second.user, "is_lead")
    remove_staff(second.user, own)
    assert not inquiry.staff.filter(user=lead).exists()
    actions = set(
        AuditEntry.objects.filter(action__startswith="inquiry.staff").values_list(
            "action", flat=True
        )
    )
    assert actions == {"inquiry.staff_named", "inquiry.staff_changed", "inquiry.staff_removed"}


def test_the_lead_names_staff_on_the_page(
    inquiry: Inquiry,
    lead: Any,
    make_user: Callable[..., Any],
    signed_in_client: Callable[..., Any],
) -> None:
    newcomer = make_user("inquiry_team")
    client = signed_in_client(user=lead)
    page = client.get(reverse("inquiry:staff-add"))
    assert newcomer.username.encode() in page.content
    posted = client.post(
        reverse("inquiry:staff-add"),
        {"user": str(newcomer.pk), "position": "Counsel", "powers": ["approves_releases"]},
    )
    assert posted.status_code == 302
    assert staff_may(newcomer, "approves_releases")
    post = inquiry.staff.get(user=newcomer)
    assert client.get(reverse("inquiry:staff-remove", args=[post.pk])).status_code == 200
    assert client.post(reverse("inquiry:staff-remove", args=[post.pk])).status_code == 302
    assert not inquiry.staff.filter(user=newcomer).exists()


def test_removing_the_last_lead_on_the_page_shows_why_not(
    inquiry: Inquiry, lead: Any, signed_in_client: Callable[..., Any]
) -> None:
    own = inquiry.staff.get(user=lead)
    page = signed_in_client(user=lead).post(reverse("inquiry:staff-remove", args=[own.pk]))
    assert page.status_code == 200 and b"always have a lead" in page.content
    assert b"govuk-error-summary" in page.content


def test_a_member_who_is_not_a_lead_cannot_use_the_staff_forms(
    inquiry: Inquiry,
    lead: Any,
    make_user: Callable[..., Any],
    signed_in_client: Callable[..., Any],
) -> None:
    reader = make_user("inquiry_team")
    post = name_staff(lead, inquiry, reader, READER)
    client = signed_in_client(user=reader)
    assert client.get(reverse("inquiry:staff")).status_code == 200
    assert client.get(reverse("inquiry:staff-add")).status_code == 403
    posted = client.post(
        reverse("inquiry:staff-edit", args=[post.pk]), {"position": "", "powers": ["is_lead"]}
    )
    assert posted.status_code == 403
    assert not staff_may(reader, "is_lead")
