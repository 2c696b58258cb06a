"""The OpenAPI document is valid, describes every operation with its bearer-token security
and errors, and the docs page loads nothing from outside joinedup."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from openapi_spec_validator import validate

from joinedup.web.access import roles

OPERATIONS = {
    ("get", "/api/v1/people"),
    ("get", "/api/v1/people/{person_id}"),
    ("get", "/api/v1/people/{person_id}/chronology"),
    ("get", "/api/v1/people/{person_id}/screening"),
    ("get", "/api/v1/people/{person_id}/grades"),
    ("post", "/api/v1/people/{person_id}/grades"),
    ("get", "/api/v1/people/{person_id}/network"),
    ("get", "/api/v1/review-pairs"),
    ("get", "/api/v1/review-pairs/{pair_id}"),
    ("post", "/api/v1/review-pairs/{pair_id}/confirm"),
    ("post", "/api/v1/review-pairs/{pair_id}/reject"),
}


def document(client: Client) -> dict[str, Any]:
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/json")
    return dict(answer.json())


def operations(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(m, path): op for path, item in doc["paths"].items() for m, op in item.items()}


def test_the_document_is_valid_openapi_and_lists_every_operation(client: Client) -> None:
    doc = document(client)
    validate(doc)
    assert doc["openapi"].startswith("3.") and doc["info"]["title"] == "joinedup API"
    assert set(operations(doc)) == OPERATIONS


def test_every_operation_needs_the_bearer_token_and_documents_its_errors(client: Client) -> None:
    doc = document(client)
    assert doc["components"]["securitySchemes"] == {
        "BearerToken": {"type": "http", "scheme": "bearer"}
    }
    for key, op in operations(doc).items():
        assert op["security"] == [{"BearerToken": []}], key
        assert "401" in op["responses"] and "403" in op["responses"], key
        error = op["responses"]["401"]["content"]["application/json"]["schema"]["$ref"]
        assert error.endswith("/ErrorOut"), key


def test_every_person_operation_asks_for_a_purpose_from_the_vocabulary(client: Client) -> None:
    doc = document(client)
    for (method, path), op in operations(doc).items():
        if "{person_id}" not in path:
            continue
        if method == "get":
            [purpose] = [p for p in op["parameters"] if p["name"] == "purpose"]
            assert purpose["required"] and purpose["in"] == "query"
        else:
            body = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            assert "purpose" in doc["components"]["schemas"][body.split("/")[-1]]["required"]
        assert {"404", "422", "308"} <= set(op["responses"]), path
    assert doc["components"]["schemas"]["Purpose"]["enum"] == list(roles.purposes())


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        for attribute in ("src", "href"):
            if names.get(attribute):
                self.urls.append(str(names[attribute]))


@pytest.mark.django_db  # closing a file response signals request_finished, which checks the db
def test_the_docs_page_loads_only_joinedup_s_own_files(client: Client) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assets = _Assets()
    assets.feed(page.content.decode())
    assert assets.urls and all(url.startswith("/static/ninja/") for url in assets.urls)
    for url in assets.urls:
        served = client.get(url)
        assert served.status_code == 200, url
        assert len(b"".join(served.streaming_content)) > 100, url  # type: ignore[attr-defined]
        served.close()
    csp = dict(d.strip().split(" ", 1) for d in page["Content-Security-Policy"].split(";"))
    assert csp["script-src"] == "'self'" and csp["img-src"] == "'self' data:"
    assert "validatorUrl" in page.content.decode() and "null" in page.content.decode()


def test_the_pages_keep_the_strict_image_policy(client: Client) -> None:
    assert "data:" not in client.get("/accessibility/")["Content-Security-Policy"]
