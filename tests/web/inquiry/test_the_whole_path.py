"""The inquiry's whole path through its own pages, on the demo borough (issue 7).

The demo is seeded once for the module (a borough of 100 children, then
`seed_demo_casework` and `seed_demo_inquiry`). Then its own inquiry users walk the path
with the test client, posting what each form sends:

1. demo.inquiry, the solicitor to the inquiry, drafts and issues a Rule 9 request;
2. a document naming a child of the person index is received against it;
3. inquiry.colleague runs the suggestions and decides each; demo.inquiry checks every
   decision (the colleague may not check their own); the colleague produces the copies
   and demo.inquiry approves them (their own copy is refused);
4. demo.participant reads the released copy, then the public reads the published one:
   neither holds the child's name or postcode;
5. a survivor's account is taken by demo.inquiry, anonymised (approved by
   inquiry.reviewer, never by who prepared it), coded, and counted on the themes page.
"""

from __future__ import annotations

import html
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from joinedup.web.accounts.demo import create_demo_users
from joinedup.web.accounts.models import User
from joinedup.web.demo import seed_demo_casework, seed_demo_inquiry
from joinedup.web.demo.redaction import COLLEAGUE
from joinedup.web.demo.survivors import REVIEWER
from joinedup.web.documents.models import DocumentVersion
from joinedup.web.inquiry.models import EvidenceRequest, Inquiry
from joinedup.web.records.models import PersonAddress
from joinedup.web.redaction.models import Production, Redaction, Release
from joinedup.web.survivors.models import Account, AnonymisedAccount
from joinedup.web.survivors.services.anonymise import SAME_PERSON
from joinedup.web.survivors.services.consent import Choices, current_choices
from joinedup.web.themes.models import Code, Coding
from tests.web.conftest import sign_in_client

pytestmark = pytest.mark.django_db

LEAD, PARTICIPANT = "demo.inquiry", "demo.participant"
MATTERS = "Your records of children seen at the takeaway on Mill Street.\nWhom you told."
ACCOUNT_TEXT = (
    "I was in a care home on Ferry Road in the 1980s. "
    "I went missing most weekends and nobody came looking for me."
)
EXCERPT = "I went missing most weekends and nobody came looking for me."


@pytest.fixture(scope="module")
def demo(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Inquiry]:
    """The demo borough with its casework and its inquiry, seeded once."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("JOINEDUP_DATA_DIR", str(tmp_path_factory.mktemp("path-data")))
        _borough(tmp_path_factory.mktemp("path-borough"))
        create_demo_users()
        assert seed_demo_casework(seed=2026) is not None
        assert seed_demo_inquiry() is not None
        yield Inquiry.objects.get()
        _forget_cached_tables()
        call_command("flush", interactive=False, verbosity=0)


def _borough(folder: Path) -> None:
    from joinedup.synth import generate_borough
    from joinedup.web.analysis.network import network_everyone
    from joinedup.web.analysis.screening import screen_everyone
    from joinedup.web.people.linking import link_everyone
    from joinedup.web.records.importing import import_export

    generate_borough(folder, children=100, years=(1995, 2025), seed=2026)
    manifest = json.loads((folder / "manifest.json").read_text())
    for export in manifest["exports"]:
        files = [folder / f for f in export["files"]]
        import_export(export["agency"], folder / export["mapping"], files, user="test")
    link_everyone("test")
    screen_everyone("test", as_of=date(2025, 12, 31))
    network_everyone("test", min_children=2)


def _forget_cached_tables() -> None:
    from joinedup.web.children.services.contexts import forget_cached_contexts
    from joinedup.web.children.services.tables import forget_cached_tables

    forget_cached_tables()
    forget_cached_contexts()


# --- Helpers: who is signed in, what a page says ----------------------------------------
def _as(username: str) -> Client:
    client = Client()
    sign_in_client(client, User.objects.get(username=username))
    return client


def _text(response: HttpResponse) -> str:
    """The page as a reader sees it (entities decoded, so a name cannot hide in them)."""
    return html.unescape(response.content.decode())


def _date(prefix: str, day: date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month),
            f"{prefix}_year": str(day.year)}  # fmt: skip


def _followed(response: HttpResponse, to: str) -> str:
    assert response.status_code == 200, response.status_code
    chain = getattr(response, "redirect_chain", [])
    assert chain and chain[-1][0] == to, chain
    return _text(response)


@dataclass(frozen=True)
class Child:
    """A child of the demo's person index, as an agency's record names them."""

    person_id: str
    name: str
    postcode: str


def _a_child_of_the_index() -> Child:
    address = (
        PersonAddress.objects.filter(
            person__link__person__age_group="child", person__link__person__active=True
        )
        .exclude(postcode="")
        .exclude(person__forenames="")
        .exclude(person__surname="")
        .select_related("person__link__person")
        .order_by("person__link__person__person_id", "pk")
        .first()
    )
    assert address is not None
    record = address.person
    return Child(
        record.link.person.person_id, f"{record.forenames} {record.surname}", address.postcode
    )


# --- 1. A Rule 9 request, drafted and issued ------------------------------------------
def _issue_rule_9_request(lead: Client, inquiry: Inquiry) -> EvidenceRequest:
    today = timezone.localdate()
    deadline = date.fromordinal(today.toordinal() + 28)
    form = lead.get("/inquiry/requests/add/")
    assert form.status_code == 200 and "Draft an evidence request" in _text(form)
    posted = {"kind": EvidenceRequest.RULE_9, "recipient_agency": "POL",
              "recipient_name": "Head of Public Protection", "matters": MATTERS,
              **_date("deadline", deadline)}  # fmt: skip
    drafted = lead.post("/inquiry/requests/add/", posted, follow=True)
    made = inquiry.requests.get(matters=MATTERS)
    assert made.status == EvidenceRequest.DRAFT and made.reference.startswith("R9-")
    page = _followed(drafted, f"/inquiry/requests/{made.pk}/")
    assert f"{made.reference} drafted: issue it when it is sent" in page

    issue = {"status": EvidenceRequest.ISSUED, "note": "Sent by e-mail.", **_date("on", today)}
    issued = lead.post(f"/inquiry/requests/{made.pk}/status/", issue, follow=True)
    assert f"{made.reference} is now issued" in _followed(issued, f"/inquiry/requests/{made.pk}/")
    made.refresh_from_db()
    assert made.status == EvidenceRequest.ISSUED and made.issued_on == today
    assert made.deadline == deadline and made.recipient_agency is not None
    assert made.recipient_agency.code == "POL" and made.created_by.username == LEAD
    return made


# --- 2. A document received against it ------------------------------------------------
def _receive_document(lead: Client, request: EvidenceRequest, child: Child) -> DocumentVersion:
    text = (
        "Police public protection unit: note of a visit.\n\n"
        f"{child.name} was seen getting into a car outside the takeaway, near {child.postcode}, "
        "after midnight. Officers recorded the car and told the duty team.\n"
    )
    form = lead.get(f"/inquiry/documents/upload/?request={request.pk}")
    assert form.status_code == 200
    inquiry_id = form.context["form"]["inquiry"].value()
    assert form.context["form"]["request"].value() == str(request.pk)
    posted = {
        "file": SimpleUploadedFile("visit-note.txt", text.encode(), content_type="text/plain"),
        "title": "Note of a visit (synthetic)", **_date("dated", date(2019, 6, 3)),
        "author": "Police public protection unit", "agency": "POL",
        "request": str(request.pk), "live_investigation_note": "", "inquiry": inquiry_id,
    }  # fmt: skip
    uploaded = lead.post("/inquiry/documents/upload/", posted, follow=True)
    document = request.documents.get()
    page = _followed(uploaded, f"/inquiry/documents/{document.pk}/")
    assert f"Added {document.reference}" in page and child.name in page
    assert document.agency is not None and document.agency.code == "POL"
    version = document.versions.get()
    assert child.name in version.text and child.postcode in version.text
    assert document.reference in _text(lead.get(f"/inquiry/requests/{request.pk}/"))
    return version


# --- 3. Suggested, decided, checked by a second reviewer, produced and approved -------
def _named(version: DocumentVersion, child: Child) -> Redaction:
    """The redaction of the child's name (the text is encrypted: found in Python)."""
    found = [r for r in version.redactions.select_related("cipher") if r.text == child.name]
    assert len(found) == 1
    return found[0]


def _ground(redaction: Redaction, child: Child) -> str:
    is_child = redaction.category == "name" and redaction.person_ref == child.person_id
    return "child" if is_child else "third_party_personal_data"


def _suggest_and_decide(colleague: Client, version: DocumentVersion, child: Child) -> None:
    where = f"/inquiry/redaction/versions/{version.pk}/"
    assert "Suggest redactions" in _text(colleague.get(where))
    suggested = colleague.post(f"{where}suggest/", follow=True)
    assert "new suggestions" in _followed(suggested, where)
    waiting = version.redactions.filter(status=Redaction.SUGGESTED)
    assert {r.text for r in waiting} >= {child.name, child.postcode}
    found = waiting.order_by("start").first()
    assert found is not None
    page = f"/inquiry/redaction/redactions/{found.pk}/"
    while page.startswith("/inquiry/redaction/redactions/"):
        found = Redaction.objects.get(pk=int(page.rstrip("/").rsplit("/", 1)[1]))
        assert colleague.get(page).status_code == 200
        decision = {
            "decision": "accept",
            "ground": _ground(found, child),
            "applies_to": "all",
            "reason": "Identifies someone in the evidence.",
            "version": found.version,
        }
        decided = colleague.post(page, decision)
        assert decided.status_code == 302, _text(decided)
        page = decided["Location"]
    assert page == where
    assert not version.redactions.exclude(status=Redaction.ACCEPTED).exists()
    named = _named(version, child)
    assert named.ground == "child" and named.cipher is not None
    assert named.decided_by is not None and named.decided_by.username == COLLEAGUE


def _check_every_decision(lead: Client, colleague: Client, version: DocumentVersion) -> None:
    first = version.redactions.order_by("start").first()
    assert first is not None
    own = f"/inquiry/redaction/redactions/{first.pk}/check/"
    shown = _text(colleague.get(own))
    assert "You made this decision: a second reviewer must check it." in shown
    refused = colleague.post(own, {"decision": "agree", "note": "", "version": first.version})
    assert refused.status_code == 200 and "a second reviewer" in _text(refused)
    first.refresh_from_db()
    assert first.check_status == Redaction.UNCHECKED and first.checked_by is None

    where = f"/inquiry/redaction/versions/{version.pk}/"
    page = f"/inquiry/redaction/redactions/{first.pk}/check/"
    while page != where:
        found = Redaction.objects.get(pk=int(page.rstrip("/").split("/")[-2]))
        agreed = lead.post(page, {"decision": "agree", "note": "", "version": found.version})
        assert agreed.status_code == 302, _text(agreed)
        page = agreed["Location"]
    lead_user = User.objects.get(username=LEAD)
    checks = set(version.redactions.values_list("check_status", "checked_by"))
    assert checks == {(Redaction.AGREED, lead_user.pk)}
    assert "every decision is checked" in _text(lead.get(where))


def _produce(client: Client, version: DocumentVersion, stage: str) -> Production:
    made = client.post(f"/inquiry/redaction/versions/{version.pk}/produce/", {"stage": stage})
    production = version.productions.filter(stage=stage).latest("pk")
    assert made.status_code == 302
    assert made["Location"] == f"/inquiry/redaction/productions/{production.pk}/"
    return production


def _approve(lead: Client, production: Production) -> Release:
    where = f"/inquiry/redaction/productions/{production.pk}/"
    assert "Approve for" in _text(lead.get(where))
    approved = lead.post(f"{where}approve/", follow=True)
    assert "Released to: " in _followed(approved, where)
    release = production.releases.get(ended_at=None)
    assert release.approved_by.username == LEAD
    assert production.produced_by.username == COLLEAGUE
    return release


def _release(lead: Client, colleague: Client, version: DocumentVersion, child: Child) -> Release:
    _approve(lead, _produce(colleague, version, "inquiry_team"))
    own = _produce(lead, version, "core_participants")
    refused = lead.post(f"/inquiry/redaction/productions/{own.pk}/approve/")
    assert refused.status_code == 200
    assert "You produced this copy: someone else must approve it." in _text(refused)
    assert not own.releases.exists()
    production = _produce(colleague, version, "core_participants")
    assert child.name not in production.text and child.postcode not in production.text
    return _approve(lead, production)


# --- 4. Read by the core participant, then published ----------------------------------
def _participant_reads(release: Release, child: Child) -> None:
    participant = _as(PARTICIPANT)
    listed = participant.get("/inquiry/released/")
    assert listed.status_code == 200 and release.document.reference in _text(listed)
    read = participant.get(f"/inquiry/released/{release.pk}/")
    page = _text(read)
    assert read.status_code == 200 and "after midnight" in page
    named = _named(release.production.document_version, child)
    assert named.cipher is not None and named.cipher.cipher in page
    assert child.name not in page and child.postcode not in page
    pdf = participant.get(f"/inquiry/released/{release.pk}/pdf/")
    assert pdf.status_code == 200 and child.name not in _pdf_text(pdf.content)
    original = f"/inquiry/documents/{release.document.pk}/"
    assert participant.get(original).status_code == 403


def _pdf_text(data: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _published(lead: Client, colleague: Client, version: DocumentVersion, child: Child) -> None:
    public = Client()
    reference = version.document.reference
    assert reference not in _text(public.get("/public/documents/"))
    _approve(lead, _produce(colleague, version, "public"))
    listed = public.get("/public/documents/")
    page = _text(listed)
    assert listed.status_code == 200 and reference in page and version.document.title in page
    assert child.name not in page
    pdf = public.get(f"/public/documents/{reference}/pdf/")
    text = _pdf_text(pdf.content)
    assert pdf.status_code == 200 and "after midnight" in text
    assert child.name not in text and child.postcode not in text


# --- 5. A survivor's account: taken, anonymised, approved, coded and counted ----------
def _take_account(lead: Client) -> Account:
    today = timezone.localdate()
    posted = {
        "channel": Account.IN_PERSON, **_date("received", today), "text": ACCOUNT_TEXT,
        "decades": ["1980"], "area": "Ashworth town centre",
        "agencies": ["social_care", "police"], "research": "yes", "quote": "yes",
        "police": "no", "contact": "email", "email": "invented.survivor@example.com",
        "phone": "",
    }  # fmt: skip
    assert lead.get("/inquiry/accounts/record/").status_code == 200
    recorded = lead.post("/inquiry/accounts/record/", posted, follow=True)
    account = Account.objects.get(recorded_by__username=LEAD, channel=Account.IN_PERSON,
                                  received_at__date=today)  # fmt: skip
    page = _followed(recorded, f"/inquiry/accounts/{account.reference}/")
    assert f"Account {account.reference} recorded" in page and "Ferry Road" in page
    assert account.decades == [1980] and sorted(account.agencies) == ["police", "social_care"]
    assert current_choices(account) == Choices(
        research_use=True, quote_anonymously=True, contact_back=True, contact_method="email"
    )
    return account


def _anonymise(lead: Client, account: Account) -> AnonymisedAccount:
    where = f"/inquiry/accounts/{account.reference}/"
    form = lead.get(f"{where}anonymised/")
    assert form.status_code == 200
    draft = str(form.context["form"].initial["text"])
    text = draft.replace("on Ferry Road ", "")
    assert "Ferry Road" not in text and EXCERPT in text
    posted = {"text": text, "period_start_year": "1985", "period_end_year": "1987"}
    saved = lead.post(f"{where}anonymised/", posted, follow=True)
    assert "a second person must approve it" in _followed(saved, where)

    refused = lead.post(f"{where}anonymised/approve/", follow=True)
    assert SAME_PERSON in _followed(refused, where)
    version = AnonymisedAccount.objects.get(account=account)
    assert version.approved_at is None and version.prepared_by.username == LEAD

    approved = _as(REVIEWER).post(f"{where}anonymised/approve/", follow=True)
    assert f"Anonymised version {version.reference} approved" in _followed(approved, where)
    version.refresh_from_db()
    assert version.approved_by is not None and version.approved_by.username == REVIEWER
    return version


def _code_and_count(lead: Client, inquiry: Inquiry, version: AnonymisedAccount) -> None:
    counts = f"/inquiry/themes/{inquiry.pk}/counts/?unit=year&kind=accounts"
    assert "1985" not in lead.get(counts).context["page"].table.columns
    code = Code.objects.get(inquiry=inquiry, key="missing-from-home-care")
    items = _text(lead.get(f"/inquiry/themes/{inquiry.pk}/items/"))
    assert version.reference in items
    where = f"/inquiry/themes/{inquiry.pk}/accounts/{version.pk}/"
    posted = {"code": str(code.pk), "excerpt": EXCERPT, "occurrence": "", "memo": ""}
    coded = lead.post(where, posted, follow=True)
    assert f"Coded: {code.label}" in _followed(coded, where)
    coding = Coding.objects.get(account=version, removed_at__isnull=True)
    assert coding.code == code and coding.coded_by.username == LEAD
    assert version.text[coding.start : coding.end] == EXCERPT

    shown = lead.get(counts)
    table = shown.context["page"].table
    assert shown.status_code == 200 and code.label in _text(shown)
    assert {"1985", "1986", "1987"} <= set(table.columns)
    assert code.label in {" / ".join(labels) for labels, _ in table.rows}


def test_a_rule_9_request_ends_in_a_published_copy_and_an_account_in_a_counted_theme(
    demo: Inquiry,
) -> None:
    lead, colleague = _as(LEAD), _as(COLLEAGUE)
    child = _a_child_of_the_index()

    request = _issue_rule_9_request(lead, demo)
    version = _receive_document(lead, request, child)
    _suggest_and_decide(colleague, version, child)
    _check_every_decision(lead, colleague, version)
    release = _release(lead, colleague, version, child)
    _participant_reads(release, child)
    _published(lead, colleague, version, child)

    account = _take_account(lead)
    anonymised = _anonymise(lead, account)
    _code_and_count(lead, demo, anonymised)
