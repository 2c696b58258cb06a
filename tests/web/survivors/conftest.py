"""Fixtures for the survivors app: an inquiry, named readers, an account of each kind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from joinedup.web.inquiry.models import Inquiry, InquiryStaff
from joinedup.web.survivors.models import Account
from joinedup.web.survivors.services.accounts import AccountDraft, Submitted, submit_online
from joinedup.web.survivors.services.consent import Choices


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def inquiry(make_user: Callable[..., Any]) -> Inquiry:
    return Inquiry.objects.create(
        title="Invented inquiry into exploitation in Eastbrook",
        created_at=timezone.now(),
        created_by=make_user("inquiry_team"),
    )


@pytest.fixture
def name_reader(inquiry: Inquiry) -> Callable[[Any], Any]:
    def name(user: Any, reads: bool = True) -> Any:
        InquiryStaff.objects.create(
            inquiry=inquiry, user=user, reads_accounts=reads, named_at=timezone.now()
        )
        return user

    return name


@pytest.fixture
def reader(make_user: Callable[..., Any], name_reader: Callable[[Any], Any]) -> Any:
    return name_reader(make_user("inquiry_team"))


@pytest.fixture
def second_reader(make_user: Callable[..., Any], name_reader: Callable[[Any], Any]) -> Any:
    return name_reader(make_user("inquiry_team"))


TEXT = (
    "When I was 14, Jordan Smith of 12 Mill Lane, EB4 2QT, phoned me on 07700 900982 every night."
)


@pytest.fixture
def submitted(inquiry: Inquiry) -> Submitted:
    draft = AccountDraft(
        text=TEXT,
        decades=(1990,),
        area="Eastbrook town centre",
        agencies=("police", "education"),
        choices=Choices(research_use=True, quote_anonymously=True, contact_back=True,
                        contact_method="email"),
        contact_details="someone@example.com",
    )  # fmt: skip
    return submit_online(inquiry, draft)


@pytest.fixture
def account(submitted: Submitted) -> Account:
    return submitted.account
