"""The demo's redaction: released documents, a public one, one half reviewed."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, cast

import pytest

from joinedup.web.demo.cast import Cast
from joinedup.web.demo.redaction import seed_redaction
from joinedup.web.documents.models import DocumentVersion
from joinedup.web.redaction.models import Redaction, Release
from joinedup.web.redaction.services.publication import published_documents
from joinedup.web.redaction.services.sets import progress_of
from tests.web.redaction.helpers import LETTER, InquiryTeam, make_person

pytestmark = pytest.mark.django_db


def test_seed_redaction(team: InquiryTeam, document: Callable[..., DocumentVersion]) -> None:
    make_person("P-0000001", "Jade", "Smith")
    make_person("P-0000002", "Kyle", "Brown")
    from joinedup.web.people.models import Person

    Person.objects.filter(person_id="P-0000001").update(age_group="child")
    versions = [document(), document(), document(LETTER + "\nKyle Brown again.")]
    demo: Any = SimpleNamespace(inquiry=team.approver)
    said = seed_redaction(cast(Cast, demo), [v.document for v in versions])
    first, second, third = versions
    assert said[0] == "Suggested redactions for 3 documents"
    assert progress_of(first).checked and progress_of(second).checked
    stages = {r.stage for r in Release.objects.filter(document=second.document, ended_at=None)}
    assert stages == {"inquiry_team", "core_participants", "public"}
    assert [p.reference for p in published_documents()] == [second.document.reference]
    assert "CH-1 was seen with" in published_documents()[0].text
    half = progress_of(third)
    assert 0 < half.decided < half.total and half.suggested > 0
    assert Redaction.objects.filter(decided_by__username="inquiry.colleague").exists()
    assert seed_redaction(cast(Cast, demo), [v.document for v in versions]) == []
