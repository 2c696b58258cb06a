"""Bearer-token authentication: `Authorization: Bearer jdu_...` on every request.

The token's user becomes `request.user` and `request.auth`, so the pages' services
and access checks run exactly as for a signed-in person. A token that does not work
raises TokenRejected, answered 401 with the reason (errors.py).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from joinedup.web.api.tokens import SHOWN_CHARACTERS, user_for_token

__all__ = ["BearerToken", "token_prefix"]


class BearerToken(HttpBearer):
    """An API token made on the account page or with `joinedup users token create`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token.strip(), request)
        request.user = user
        request.api_token_prefix = token.strip()[:SHOWN_CHARACTERS]  # type: ignore[attr-defined]
        return user


def token_prefix(request: HttpRequest) -> str:
    """The shown part of the token this request came with (for audit entries)."""
    return str(getattr(request, "api_token_prefix", ""))
