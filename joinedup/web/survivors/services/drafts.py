"""The online form's answers, kept page by page in the browser's session, encrypted.

Nothing reaches the inquiry until the survivor presses "Send". What they type is kept
(encrypted with the database keys, like the accounts) until they send it, delete it, or
close the browser, or for the session's lifetime after the last page they saved.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

from joinedup.web.crypto.cipher import decrypt_text, encrypt_text
from joinedup.web.survivors.services.accounts import AccountDraft
from joinedup.web.survivors.services.consent import Choices

__all__ = ["as_draft", "clear", "kept_for_hours", "load", "save"]

SESSION_KEY = "survivors.draft"


def load(session: SessionBase) -> dict[str, Any]:
    stored = session.get(SESSION_KEY)
    if not stored:
        return {}
    data: dict[str, Any] = json.loads(decrypt_text(stored))
    return data


def save(session: SessionBase, **answers: Any) -> None:
    data = {**load(session), **answers}
    session[SESSION_KEY] = encrypt_text(json.dumps(data))


def clear(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)


def kept_for_hours() -> int:
    return max(1, int(settings.SESSION_COOKIE_AGE) // 3600)


def _yes(data: dict[str, Any], key: str) -> bool:
    return data.get(key) == "yes"


def as_draft(data: dict[str, Any]) -> AccountDraft:
    contact = str(data.get("contact", "no"))
    choices = Choices(
        research_use=_yes(data, "research"),
        quote_anonymously=_yes(data, "quote"),
        contact_back=contact in ("email", "phone"),
        contact_method=contact if contact in ("email", "phone") else "",
        pass_to_police=_yes(data, "police"),
    )
    details = data.get("email", "") if contact == "email" else data.get("phone", "")
    return AccountDraft(
        text=str(data.get("text", "")),
        decades=tuple(int(d) for d in data.get("decades", [])),
        area=str(data.get("area", "")),
        agencies=tuple(data.get("agencies", [])),
        choices=choices,
        contact_details=str(details) if choices.contact_back else "",
    )
