"""Fixtures for the redaction tests: the inquiry team (reviewer, checker, approver) and
documents holding a letter that names people (tests/web/redaction/helpers.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.documents.models import DocumentVersion
from tests.web.redaction.helpers import LETTER, InquiryTeam, make_document, make_team


@pytest.fixture
def team(make_user: Callable[..., Any]) -> InquiryTeam:
    return make_team(make_user)


@pytest.fixture
def document(team: InquiryTeam) -> Callable[..., DocumentVersion]:
    def make(text: str = LETTER, *, live: bool = False) -> DocumentVersion:
        return make_document(team.inquiry, team.reviewer, text, live=live)

    return make
