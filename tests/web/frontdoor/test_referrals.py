"""Making a referral: the agency form and the school form, what is stored and audited,
the error summary, the urgent path from the form, and who may refer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from joinedup.web.accounts.models import Notification, Team
from joinedup.web.audit.models import AuditEntry
from joinedup.web.frontdoor.models import Contact
from tests.web.conftest import SignedInClient
from tests.web.frontdoor.conftest import Index

pytestmark = pytest.mark.django_db

Form = Callable[..., dict[str, str]]


def test_a_referral_is_stored_with_a_reference_audited_and_shown_to_its_referrer(
    signed_in_client: Callable[..., SignedInClient], index: Index, referral_form: Form
) -> None:
    client = signed_in_client("police_analyst", agency=index.agencies["POL"])
    sent = client.post("/front-door/refer/", referral_form())
    contact = Contact.objects.get()
    assert sent.status_code == 302
    assert sent["Location"] == f"/front-door/contacts/{contact.reference}/"
    assert contact.reference == f"REF-{contact.pk:06d}"
    assert (contact.status, contact.form) == ("received", "agency")
    assert contact.referred_by == client.user
    assert contact.referrer_agency == index.agencies["POL"]
    assert (contact.child_forenames, contact.child_dob, contact.child_postcode) == (
        "Sam", "2011-05-04", "ZZ9 9ZZ")  # fmt: skip
    assert contact.concerns.startswith("Seen getting into a car")
    assert not contact.urgent
    entry = AuditEntry.objects.get(action="frontdoor.contact_received")
    assert (entry.actor_username, entry.target_id) == (client.user.username, contact.reference)
    assert entry.detail == {"form": "agency", "urgent": False, "agency": "POL"}
    page = client.get(sent["Location"])
    assert page.status_code == 200
    assert f"Your referral {contact.reference}" in page.text
    assert "Referral sent. Its reference is" in page.text


def test_the_concerns_are_encrypted_in_the_database(
    signed_in_client: Callable[..., SignedInClient], index: Index, referral_form: Form
) -> None:
    from django.db import connection

    signed_in_client("school_safeguarding_lead").post("/front-door/refer/", referral_form())
    with connection.cursor() as cursor:
        cursor.execute("SELECT concerns, child_address FROM frontdoor_contact")
        stored = cursor.fetchone()
    assert "car" not in stored[0] and "Example Road" not in stored[1]


def test_partial_details_of_the_child_are_enough(
    signed_in_client: Callable[..., SignedInClient], referral_form: Form
) -> None:
    partial = referral_form(child_forenames="", child_surname="", dob_day="", dob_month="",
                            dob_year="", child_address="", child_postcode="", child_school="",
                            child_age="14")  # fmt: skip
    sent = signed_in_client("health_safeguarding_lead").post("/front-door/refer/", partial)
    assert sent.status_code == 302
    assert Contact.objects.get().child_age == 14
    assert Contact.objects.get().child_dob == ""


def test_a_year_and_month_of_birth_is_kept_as_typed(
    signed_in_client: Callable[..., SignedInClient], referral_form: Form
) -> None:
    signed_in_client().post("/front-door/refer/", referral_form(dob_day="", dob_month="5"))
    assert Contact.objects.get().child_dob == "2011-05"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"concerns": "  "}, "Enter what has happened and what worries you"),
        ({"child_forenames": "", "child_surname": "", "dob_day": "", "dob_month": "",
          "dob_year": "", "child_address": "", "child_postcode": "", "child_school": ""},
         "Enter something that identifies the child"),
        ({"urgent": "yes"}, "Enter why the child needs action now"),
        ({"urgent": ""}, "Select whether the child needs action now"),
        ({"consent": "maybe"}, "Select whether the family agreed to the referral"),
        ({"referrer_phone": "", "referrer_email": ""}, "Enter a telephone number or an email"),
        ({"referrer_email": "not an address"}, "Enter an email address in the correct format"),
        ({"child_postcode": "NOWHERE"}, "Enter a real postcode"),
        ({"dob_day": "31", "dob_month": "2"}, "Date of birth must be a real date"),
        ({"child_age": "40"}, "Age must be 25 or less"),
    ],
)  # fmt: skip
def test_a_wrong_referral_reshows_with_the_error_summary_and_stores_nothing(
    signed_in_client: Callable[..., SignedInClient],
    referral_form: Form,
    changes: dict[str, str],
    message: str,
) -> None:
    page = signed_in_client().post("/front-door/refer/", referral_form(**changes))
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert message in page.text
    assert "<title>Error: Make a referral" in page.text
    assert Contact.objects.count() == 0
    assert not AuditEntry.objects.filter(action="frontdoor.contact_received").exists()


def test_a_wrong_referral_keeps_what_was_typed(
    signed_in_client: Callable[..., SignedInClient], referral_form: Form
) -> None:
    page = signed_in_client().post("/front-door/refer/", referral_form(concerns=""))
    assert 'value="Testchild"' in page.text
    assert "1 Example Road" in page.text


def test_the_form_says_consent_is_not_needed_where_a_child_is_at_risk(
    signed_in_client: Callable[..., SignedInClient],
) -> None:
    page = signed_in_client("school_safeguarding_lead").get("/front-door/refer/")
    assert "You do not need the family's consent" in page.text
    assert "children are exploited, they do not put themselves at risk" in page.text


def test_an_urgent_referral_tells_every_team_manager_when_nobody_is_on_the_rota(
    signed_in_client: Callable[..., SignedInClient],
    make_user: Callable[..., object],
    referral_form: Form,
    django_capture_on_commit_callbacks: Any,
) -> None:
    manager = make_user("team_manager", email="manager@example.org")
    Team.objects.create(name="Exploitation team", manager=manager)
    urgent = referral_form(urgent="yes", urgent_reason="The child is with the adult now.")
    with django_capture_on_commit_callbacks(execute=True):
        sent = signed_in_client("police_analyst").post("/front-door/refer/", urgent)
    contact = Contact.objects.get()
    assert sent.status_code == 302
    assert contact.urgent and contact.urgent_told == [manager.username]
    told = Notification.objects.get(recipient=manager)
    assert (told.kind, told.subject) == ("frontdoor_urgent", f"Urgent contact {contact.reference}")
    assert len(mail.outbox) == 1
    assert "Testchild" not in mail.outbox[0].body and "Sam" not in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="frontdoor.urgent_notified")
    assert entry.detail == {"told": [manager.username], "chosen_by": "team_managers"}


def test_the_school_form_stores_the_schools_answers(
    signed_in_client: Callable[..., SignedInClient], referral_form: Form
) -> None:
    school = referral_form(attendance_percent="78", attendance_notes="Leaves at lunchtime",
                           exclusions="suspension", exclusion_notes="",
                           changes_seen="New phone and older friends")  # fmt: skip
    sent = signed_in_client("school_safeguarding_lead").post("/front-door/refer/school/", school)
    assert sent.status_code == 302
    contact = Contact.objects.get()
    school_answers = (contact.form, contact.attendance_percent, contact.exclusions)
    assert school_answers == ("school", 78, "suspension")
    assert contact.changes_seen == "New phone and older friends"
    entry = AuditEntry.objects.get(action="frontdoor.contact_received")
    assert entry.detail["form"] == "school"


def test_the_school_form_asks_for_the_school_and_about_exclusions(
    signed_in_client: Callable[..., SignedInClient], referral_form: Form
) -> None:
    page = signed_in_client("school_safeguarding_lead").post(
        "/front-door/refer/school/", referral_form(child_school="")
    )
    assert "Enter the name of your school" in page.text
    assert "Select whether the child has been suspended or excluded" in page.text
    assert Contact.objects.count() == 0


def test_the_agency_form_does_not_store_school_answers(
    signed_in_client: Callable[..., SignedInClient], referral_form: Form
) -> None:
    signed_in_client().post("/front-door/refer/", referral_form(attendance_percent="10"))
    assert Contact.objects.get().attendance_percent is None


@pytest.mark.parametrize("role", ["inquiry_team", "auditor", "administrator"])
def test_roles_that_do_not_make_referrals_are_refused(
    signed_in_client: Callable[..., SignedInClient], referral_form: Form, role: str
) -> None:
    client = signed_in_client(role)
    assert client.get("/front-door/refer/").status_code == 403
    assert client.post("/front-door/refer/", referral_form()).status_code == 403
    assert client.get("/front-door/referrals/").status_code == 403
    assert Contact.objects.count() == 0


def test_a_referrer_lists_only_their_own_referrals_and_the_list_is_audited(
    signed_in_client: Callable[..., SignedInClient], make_contact: Callable[..., Contact]
) -> None:
    police = signed_in_client("police_analyst")
    school = signed_in_client("school_safeguarding_lead")
    mine = make_contact(police.user)
    theirs = make_contact(school.user)
    page = police.get("/front-door/referrals/")
    assert mine.reference in page.text and theirs.reference not in page.text
    entry = AuditEntry.objects.get(action="frontdoor.list_view")
    assert entry.detail == {"list": "my_referrals", "contacts": [mine.reference]}


def test_a_referrer_cannot_open_another_referrers_contact(
    signed_in_client: Callable[..., SignedInClient], make_contact: Callable[..., Contact]
) -> None:
    school = signed_in_client("school_safeguarding_lead")
    theirs = make_contact(signed_in_client("police_analyst").user)
    assert school.get(f"/front-door/contacts/{theirs.reference}/").status_code == 404
    assert school.get("/front-door/contacts/REF-999999/").status_code == 404
    assert not AuditEntry.objects.filter(action="frontdoor.view").exists()
