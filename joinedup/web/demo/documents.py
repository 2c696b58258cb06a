"""The demo inquiry's documents: a dozen synthetic case notes, police reports, letters
and e-mails about the demo borough's people (`joinedup.synth.documents`), uploaded by
demo.inquiry through the documents app's own services.

Some came back under the inquiry's evidence requests that were complied with or partly
returned (and carry the requested agency);
one is a Word document, one an e-mail (.eml); one is a near-duplicate of another (the
police's copy of the longest, with a note added); one police report is flagged as
bearing on a live investigation. Each is tagged to a line of inquiry. A second run finds
the inquiry's documents and adds nothing.
"""

from __future__ import annotations

import io
from datetime import timedelta
from email.message import EmailMessage

from joinedup.disclosure.redaction import KnownPerson
from joinedup.synth.documents import SyntheticDocument, generate_documents
from joinedup.web.demo.cast import Cast, child_details
from joinedup.web.documents.models import Document
from joinedup.web.documents.services.ingest import DocumentDetails, add_document
from joinedup.web.documents.services.tags import tag_document
from joinedup.web.inquiry.models import EvidenceRequest, Inquiry
from joinedup.web.people.models import Person

__all__ = ["seed_documents"]

COUNT = 11  # and the near-duplicate makes twelve
SEED = 2026
# The line of inquiry (by position in the inquiry's lines) each kind is tagged to.
LINE_FOR_KIND = {"case_note": 0, "police_report": 2, "letter": 3, "email": 1}
ADULTS = 6


def seed_documents(cast: Cast, inquiry: Inquiry) -> list[Document]:
    """The inquiry's documents, made once."""
    held = list(Document.objects.filter(inquiry=inquiry).order_by("reference"))
    if held:
        return held
    written = generate_documents(_known_people(cast), COUNT, SEED)
    returned = (EvidenceRequest.COMPLIED, EvidenceRequest.PARTLY_RETURNED)
    requests = list(inquiry.requests.filter(status__in=returned).order_by("issued_on", "reference"))
    made = [_add(cast, inquiry, n, doc, requests) for n, doc in enumerate(written)]
    original = max(written, key=lambda d: len(d.text))
    made.append(_near_duplicate(cast, inquiry, original))
    lines = list(inquiry.lines.order_by("reference"))
    if lines:
        for document, synthetic in zip(made, [*written, original], strict=True):
            line = lines[LINE_FOR_KIND.get(synthetic.kind, 0) % len(lines)]
            tag_document(document, line, cast.inquiry)
    return made


def _known_people(cast: Cast) -> list[KnownPerson]:
    people = list(dict.fromkeys([*cast.own_children, *cast.team_children]))
    adults = Person.objects.filter(age_group="adult", active=True).order_by("person_id")
    people += list(adults[:ADULTS])
    known = []
    for person in people:
        details = child_details(person)
        if details.surname:
            known.append(
                KnownPerson(person.person_id, details.forenames, details.surname, dob=details.dob)
            )
    return known or [KnownPerson("P-0", "Jamie", "Example", dob="2008-01-01")]


def _add(
    cast: Cast,
    inquiry: Inquiry,
    number: int,
    synthetic: SyntheticDocument,
    requests: list[EvidenceRequest],
) -> Document:
    name, data = _as_file(number, synthetic)
    request = requests[number % len(requests)] if requests and number % 3 != 2 else None
    details = DocumentDetails(
        author=_author(synthetic.kind),
        request=request,
        live_investigation=number == 1 and synthetic.kind == "police_report",
        live_investigation_note="A current investigation: not for public release"
        if number == 1 and synthetic.kind == "police_report"
        else "",
    )
    return add_document(
        inquiry=inquiry,
        uploaded_name=name,
        data=data,
        title=synthetic.title,
        user=cast.inquiry,
        dated=cast.today - timedelta(days=365 * (12 - number) + 17 * number),
        agency=request.recipient_agency if request else cast.agencies.get("CSC"),
        details=details,
    )


def _as_file(number: int, synthetic: SyntheticDocument) -> tuple[str, bytes]:
    stem = f"demo-{number + 1:02d}-{synthetic.kind.replace('_', '-')}"
    if number == 0:
        return f"{stem}.docx", _docx(synthetic.text)
    if synthetic.kind == "email" and number < 4:
        return f"{stem}.eml", _eml(synthetic)
    return f"{stem}.txt", synthetic.text.encode("utf-8")


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n"):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _eml(synthetic: SyntheticDocument) -> bytes:
    message = EmailMessage()
    message["From"] = "Duty team <duty.team@ashworth.example.org>"
    message["To"] = "Strategy meeting chair <chair@ashworth.example.org>"
    message["Subject"] = synthetic.title
    message["Date"] = "Mon, 03 Jun 2019 09:30:00 +0100"
    message.set_content(synthetic.text)
    return message.as_bytes()


def _near_duplicate(cast: Cast, inquiry: Inquiry, original: SyntheticDocument) -> Document:
    """The longest document again, as the police's copy with a note added."""
    text = original.text.rstrip() + "\n\n(Copy held on the police file.)\n"
    return add_document(
        inquiry=inquiry,
        uploaded_name="demo-12-police-copy.txt",
        data=text.encode("utf-8"),
        title=f"{original.title} (police copy)",
        user=cast.inquiry,
        dated=cast.today - timedelta(days=365 * 9),
        agency=cast.agencies.get("POL"),
        details=DocumentDetails(author="Police records office"),
    )


def _author(kind: str) -> str:
    return {
        "case_note": "Children's social care duty team",
        "police_report": "Police public protection unit",
        "letter": "Head of safeguarding",
        "email": "Duty team",
    }.get(kind, "")
