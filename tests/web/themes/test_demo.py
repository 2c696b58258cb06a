"""The demo's themes: the codebook loaded, accounts and documents coded, a second run
changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest

from joinedup.web.demo.themes import seed_themes
from joinedup.web.themes.models import Coding
from tests.web.themes.objects import make_account, make_document_version, make_inquiry

pytestmark = pytest.mark.django_db


def test_seeding_codes_the_accounts_and_documents_once(make_user: Callable[..., Any]) -> None:
    staff = make_user("inquiry_team")
    inquiry = make_inquiry(staff)
    cast: Any = SimpleNamespace(inquiry=staff)
    make_account(inquiry, staff, "He said he was my boyfriend. I was scared to tell.", (1998, 2000))
    make_account(inquiry, staff, "Withdrawn: he had a taxi.", research=False)
    make_document_version(inquiry, staff, "Seen getting into a taxi at 23:40. No further action.")
    said = seed_themes(cast, inquiry)
    assert said[0] == "Codebook: 18 codes (18 added)"
    assert said[1] == "Coded 1 accounts and 1 documents: 4 codings"
    keys = sorted(Coding.objects.values_list("code__key", flat=True))
    assert keys == [
        "boyfriend-grooming",
        "fear-of-reprisal",
        "police-response",
        "taxis-night-time-economy",
    ]
    assert seed_themes(cast, inquiry) == ["Codebook: 18 codes (0 added)", "Coding: already done"]
