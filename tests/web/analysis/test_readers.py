"""Roles become a chronology reader's entitlements; the default is the least entitled."""

from __future__ import annotations

import pytest

from joinedup.chronology import Entitlements
from joinedup.errors import InputError
from joinedup.web.analysis.readers import DEFAULT_ROLE, entitlements_for_role, reader_roles

FLAGS = ("narratives", "special_category", "criminal_offence")


def test_the_default_role_is_the_least_entitled_reader_who_sees_every_agency() -> None:
    default = entitlements_for_role(DEFAULT_ROLE)
    assert DEFAULT_ROLE == "partnership_analyst"
    assert default == Entitlements(None, narratives=False, special_category=False,
                                   criminal_offence=False)  # fmt: skip
    readers = [entitlements_for_role(role) for role in reader_roles()]
    assert all(getattr(r, flag) >= getattr(default, flag) for r in readers for flag in FLAGS)


def test_each_role_gets_what_its_work_needs() -> None:
    assert entitlements_for_role("police_analyst").criminal_offence
    assert not entitlements_for_role("police_analyst").special_category
    assert entitlements_for_role("health_safeguarding_lead").special_category
    assert entitlements_for_role("specialist_practitioner") == Entitlements.everything()
    for role in ("auditor", "administrator"):
        assert entitlements_for_role(role).agencies_visible == frozenset()


def test_an_unknown_role_names_the_roles_there_are() -> None:
    with pytest.raises(InputError, match="role 'social_worker': expected one of partnership_"):
        entitlements_for_role("social_worker")
