"""An inquiry with the starting codebook loaded, and makers for accounts and documents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.web.themes.objects import make_account, make_document_version, make_inquiry


@dataclass
class Setting:
    inquiry: Any
    coder: Any
    second_coder: Any

    def code(self, key: str) -> Any:
        return self.inquiry.codes.get(key=key)


@pytest.fixture
def setting(make_user: Callable[..., Any]) -> Setting:
    from joinedup.web.themes.services.codebook import load_codebook

    coder = make_user("inquiry_team")
    inquiry = make_inquiry(coder)
    load_codebook(coder, inquiry)
    return Setting(inquiry, coder, make_user("inquiry_team"))


@pytest.fixture
def account(setting: Setting) -> Callable[..., Any]:
    def make(
        text: str = "He said he was my boyfriend.",
        years: tuple[Any, Any] = (None, None),
        **flags: bool,
    ) -> Any:
        return make_account(setting.inquiry, setting.coder, text, years, **flags)

    return make


@pytest.fixture
def document(setting: Setting) -> Callable[..., Any]:
    def make(text: str = "Police log: no further action.", dated: Any = None) -> Any:
        return make_document_version(setting.inquiry, setting.coder, text, dated)

    return make


from tests.web.records.conftest import tiny  # noqa: E402, F401  (shared fixture)
