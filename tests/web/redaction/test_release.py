"""Staged release: approval by someone else named to approve, stage by stage, never to
the public during a live investigation; withdrawal; what core participants and the
public get."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.errors import InputError
from joinedup.web.documents.models import DocumentVersion
from joinedup.web.redaction.models import Production, Release
from joinedup.web.redaction.services.production import produce
from joinedup.web.redaction.services.publication import published_documents, published_pdf
from joinedup.web.redaction.services.release import (
    approval_refusal,
    approve,
    released_to_participant,
    withdraw,
)
from joinedup.web.redaction.services.review import Decision, add_manual
from tests.web.redaction.helpers import (
    InquiryTeam,
    make_participant,
    make_person,
    review_everything,
)

pytestmark = pytest.mark.django_db
MakeDocument = Callable[..., DocumentVersion]


@pytest.fixture
def checked(team: InquiryTeam, document: MakeDocument) -> Callable[..., DocumentVersion]:
    make_person("P-0000001", "Jade", "Smith")

    def make(live: bool = False) -> DocumentVersion:
        version = document(live=live)
        review_everything(team, version)
        return version

    return make


def _released(team: InquiryTeam, version: DocumentVersion, *stages: str) -> list[Release]:
    return [approve(team.approver, produce(team.checker, version, s)) for s in stages]


def test_only_someone_named_to_approve_who_did_not_produce_it(
    team: InquiryTeam, checked: Callable[..., DocumentVersion], make_user: Callable[..., Any]
) -> None:
    made = produce(team.approver, checked(), "inquiry_team")
    assert "not named" in approval_refusal(team.reviewer, made)
    assert "not named" in approval_refusal(make_user("inquiry_team"), made)
    with pytest.raises(InputError, match="someone else"):
        approve(team.approver, made)


def test_stages_go_in_order(team: InquiryTeam, checked: Callable[..., DocumentVersion]) -> None:
    version = checked()
    public = produce(team.checker, version, "public")
    assert "core participants stage first" in approval_refusal(team.approver, public)
    _released(team, version, "inquiry_team", "core_participants")
    release = approve(team.approver, public)
    assert release.stage == "public"
    assert "already released" in approval_refusal(team.approver, public)


def test_never_public_during_a_live_investigation(
    team: InquiryTeam, checked: Callable[..., DocumentVersion]
) -> None:
    version = checked(live=True)
    _released(team, version, "inquiry_team", "core_participants")
    public = produce(team.checker, version, "public")
    with pytest.raises(InputError, match="live criminal investigation"):
        approve(team.approver, public)


def test_a_changed_redaction_set_needs_a_new_copy(
    team: InquiryTeam, checked: Callable[..., DocumentVersion]
) -> None:
    version = checked()
    made = produce(team.checker, version, "inquiry_team")
    add_manual(team.reviewer, version, 0, 4, Decision(True, "irrelevant_and_sensitive", "No"))
    assert "not all checked" in approval_refusal(team.approver, made)


def test_a_newer_copy_replaces_the_release_and_withdrawal_keeps_history(
    team: InquiryTeam, checked: Callable[..., DocumentVersion]
) -> None:
    version = checked()
    (first,) = _released(team, version, "inquiry_team")
    (second,) = _released(team, version, "inquiry_team")
    first.refresh_from_db()
    assert not first.current and "Replaced" in first.end_reason
    with pytest.raises(InputError, match="why"):
        withdraw(team.reviewer, second, " ")
    withdraw(team.reviewer, second, "A name was missed")
    assert Release.objects.filter(document=version.document).count() == 2
    assert not Release.objects.filter(document=version.document, ended_at=None).exists()
    with pytest.raises(InputError, match="already ended"):
        withdraw(team.reviewer, second, "Again")


def test_core_participants_see_only_their_inquirys_current_releases(
    team: InquiryTeam, checked: Callable[..., DocumentVersion], make_user: Callable[..., Any]
) -> None:
    version = checked()
    reader, outsider = make_user("core_participant"), make_user("core_participant")
    make_participant(team.inquiry, reader)
    _, release = _released(team, version, "inquiry_team", "core_participants")
    assert list(released_to_participant(reader)) == [release]
    assert list(released_to_participant(outsider)) == []
    assert list(released_to_participant(team.reviewer)) == [release]
    withdraw(team.approver, release, "Withdrawn for more redaction")
    assert list(released_to_participant(reader)) == []


def test_the_public_contract(team: InquiryTeam, checked: Callable[..., DocumentVersion]) -> None:
    version = checked()
    assert published_documents() == []
    *_, release = _released(team, version, "inquiry_team", "core_participants", "public")
    (published,) = published_documents()
    production = Production.objects.get(pk=release.production_id)
    assert published.reference == version.document.reference
    assert published.text == production.text and "Jade" not in published.text
    assert published.pdf_sha256 == production.pdf_sha256
    assert published.dated == version.document.dated
    assert published_pdf(version.document.reference) == bytes(production.pdf)
    assert published_pdf("INQ-NONE") is None


def test_a_document_flagged_live_after_publication_is_no_longer_published(
    team: InquiryTeam, checked: Callable[..., DocumentVersion]
) -> None:
    version = checked()
    _released(team, version, "inquiry_team", "core_participants", "public")
    version.document.live_investigation = True
    version.document.save()
    assert published_documents() == []
    assert published_pdf(version.document.reference) is None
