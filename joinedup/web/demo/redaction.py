"""The demo's redaction: suggestions on every demo document, then

- the first document reviewed, checked and released to the core participants;
- the second also released to the public (the first without a live investigation flag);
- the third half reviewed, for demo.inquiry to carry on.

A synthetic colleague on the inquiry's staff ("inquiry.colleague", who cannot sign in)
makes the first decisions and produces the copies; demo.inquiry checks them (the second
reviewer) and approves the releases (named to approve, and not the producer). Children's
names become ciphers ("CH-1"); other details are third-party personal data. Everything
goes through the services, so every rule and audit entry applies. A second run adds
nothing: documents that already have redactions are left as they are.
"""

from __future__ import annotations

from django.utils import timezone

from joinedup.web.accounts.models import User
from joinedup.web.demo.cast import Cast
from joinedup.web.documents.models import Document, DocumentVersion
from joinedup.web.inquiry.models import InquiryStaff
from joinedup.web.people.models import Person
from joinedup.web.redaction.models import Redaction
from joinedup.web.redaction.services.production import produce
from joinedup.web.redaction.services.release import approve
from joinedup.web.redaction.services.review import Decision, check, decide
from joinedup.web.redaction.services.suggest import suggest_for_versions

__all__ = ["COLLEAGUE", "seed_redaction"]

COLLEAGUE = "inquiry.colleague"
CHILD = Decision(True, "child", "A child named in the evidence: known by a cipher only.")
OTHER = Decision(True, "third_party_personal_data", "Identifies someone; not needed to follow it.")


def seed_redaction(cast: Cast, documents: list[Document]) -> list[str]:
    """Redact the demo documents; returns one line per document worked on."""
    versions = [v for v in (_latest(d) for d in documents) if v is not None]
    fresh = [v for v in versions if not v.redactions.exists()]
    # A live investigation is never released to the public: those documents go last.
    fresh.sort(key=lambda v: v.document.live_investigation)
    if not fresh:
        return []
    colleague = _colleague(cast, fresh[0].document)
    suggest_for_versions(colleague, fresh)
    said = [f"Suggested redactions for {len(fresh)} documents"]
    publishable = [v for v in fresh[:2] if not v.document.live_investigation]
    public = publishable[-1] if len(publishable) == 2 else None
    for version in fresh[:2]:
        _review_all(cast, colleague, version)
        stages = ["inquiry_team", "core_participants"] + (["public"] if version == public else [])
        for stage in stages:
            approve(cast.inquiry, produce(colleague, version, stage))
        said.append(f"{version.document.reference}: released to {', '.join(stages)}")
    if len(fresh) > 2:
        half = _decide_half(colleague, fresh[2])
        said.append(f"{fresh[2].document.reference}: {half} decisions made, the rest to do")
    return said


def _latest(document: Document) -> DocumentVersion | None:
    return document.versions.order_by("-number").first()


def _colleague(cast: Cast, document: Document) -> User:
    user, made = User.objects.get_or_create(
        username=COLLEAGUE,
        defaults={"role": "inquiry_team", "first_name": "Sam", "last_name": "Okafor (synthetic)"},
    )
    if made:
        user.set_unusable_password()
        user.save()
    InquiryStaff.objects.get_or_create(
        inquiry=document.inquiry, user=user,
        defaults={"position": "Redaction reviewer", "named_at": timezone.now()},
    )  # fmt: skip
    return user


def _decision(redaction: Redaction, children: set[str]) -> Decision:
    is_child = redaction.category == "name" and redaction.person_ref in children
    return CHILD if is_child else OTHER


def _children() -> set[str]:
    return set(Person.objects.filter(age_group="child").values_list("person_id", flat=True))


def _review_all(cast: Cast, colleague: User, version: DocumentVersion) -> None:
    children = _children()
    for redaction in version.redactions.order_by("start"):
        decide(colleague, redaction, _decision(redaction, children), redaction.version)
        check(cast.inquiry, redaction, True, "", redaction.version)


def _decide_half(colleague: User, version: DocumentVersion) -> int:
    children = _children()
    waiting = list(version.redactions.order_by("start"))
    for redaction in waiting[: len(waiting) // 2]:
        decide(colleague, redaction, _decision(redaction, children), redaction.version)
    return len(waiting) // 2
