"""Every API error is JSON: `{"code": ..., "detail": ...}`, with the HTTP status it names.

    ApiError (HttpError)
    ├── NotAuthenticated  401 not_authenticated   no token, or one that does not work
    ├── Forbidden         403 forbidden           the role or the access rules refuse it
    ├── NotFound          404 not_found           no such person or review pair
    ├── Conflict          409 conflict            the review pair was already decided
    ├── Merged            308 merged              the person was merged into another
    └── Invalid           422 invalid_request     a parameter or body field is wrong

A request ninja cannot parse (a missing or mistyped parameter) is answered as Invalid,
with `errors` listing each field at fault. joinedup's own InputError (the services'
bad input) becomes Invalid too, with its message.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from joinedup.errors import InputError
from joinedup.web.api.tokens import TokenRejected

__all__ = [
    "ApiError",
    "Conflict",
    "ErrorOut",
    "Forbidden",
    "Invalid",
    "Merged",
    "answers",
    "NotAuthenticated",
    "NotFound",
    "install_error_handlers",
]

NO_TOKEN = (
    "Send an API token in the Authorization header: 'Authorization: Bearer <token>'. "
    "Make one on your account page (/account/api-tokens/)."
)


class ErrorOut(Schema):
    code: str
    detail: str
    errors: list[dict[str, Any]] | None = None
    merged_into: str | None = None


class ApiError(HttpError):
    status = 400
    code = "bad_request"

    def __init__(self, detail: str) -> None:
        super().__init__(self.status, detail)


class NotAuthenticated(ApiError):
    status, code = 401, "not_authenticated"


class Forbidden(ApiError):
    status, code = 403, "forbidden"


class NotFound(ApiError):
    status, code = 404, "not_found"


class Conflict(ApiError):
    status, code = 409, "conflict"


class Invalid(ApiError):
    status, code = 422, "invalid_request"


class Merged(ApiError):
    """The person was merged into another: the same request, for that person, is at `url`."""

    status, code = 308, "merged"

    def __init__(self, detail: str, merged_into: str, url: str) -> None:
        super().__init__(detail)
        self.merged_into, self.url = merged_into, url


def answers(ok: Any, *errors: int, status: int = 200) -> dict[int, Any]:
    """An operation's responses for the OpenAPI document: `ok`, 401 and the `errors` named."""
    return {status: ok, 401: ErrorOut} | {code: ErrorOut for code in errors}


def install_error_handlers(api: NinjaAPI) -> None:
    handlers = {ApiError: _api_error, TokenRejected: _token_rejected,
                AuthenticationError: _no_token, ValidationError: _invalid,
                InputError: _input_error}  # fmt: skip
    for error, handler in handlers.items():
        api.add_exception_handler(error, partial(handler, api=api))


def _respond(
    api: NinjaAPI, request: HttpRequest, status: int, body: dict[str, Any]
) -> HttpResponse:
    response = api.create_response(request, body, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="joinedup"'
    return response


def _api_error(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    assert isinstance(exc, ApiError)
    body: dict[str, Any] = {"code": exc.code, "detail": exc.message}
    if isinstance(exc, Merged):
        body["merged_into"] = exc.merged_into
        response = _respond(api, request, exc.status, body)
        response["Location"] = exc.url
        return response
    return _respond(api, request, exc.status, body)


def _token_rejected(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    return _respond(api, request, 401, {"code": "not_authenticated", "detail": str(exc)})


def _no_token(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    return _respond(api, request, 401, {"code": "not_authenticated", "detail": NO_TOKEN})


def _invalid(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    assert isinstance(exc, ValidationError)
    errors = [_field_error(e) for e in exc.errors]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return _respond(api, request, 422, {"code": "invalid_request", "detail": detail,
                                        "errors": errors})  # fmt: skip


def _field_error(error: dict[str, Any]) -> dict[str, Any]:
    """{'loc': ['query', 'purpose'], 'msg': 'Field required'} -> field and message."""
    location = [str(part) for part in error.get("loc", ())]
    if location[:1] == ["body"]:
        del location[1:2]  # the view's parameter name ('data'), which the client never sees
    where, field = (location[0], ".".join(location[1:])) if location else ("", "")
    return {"in": where, "field": field or where, "message": str(error.get("msg", "invalid"))}


def _input_error(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    return _respond(api, request, 422, {"code": "invalid_request", "detail": str(exc)})
