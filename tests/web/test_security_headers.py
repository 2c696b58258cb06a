"""Every page carries the security headers, and no page has inline script or style."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client

from joinedup.web.security import PERMISSIONS_POLICY


def _directives(header: str) -> dict[str, list[str]]:
    parts = (d.strip().split() for d in header.split(";") if d.strip())
    return {p[0]: p[1:] for p in parts}


def test_a_page_carries_the_security_headers(client: Client) -> None:
    response = client.get("/accessibility/")
    assert response.status_code == 200
    csp = _directives(response.headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "camera=()" in PERMISSIONS_POLICY and "geolocation=()" in PERMISSIONS_POLICY
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_redirect_to_sign_in_carries_the_headers_too(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert "Content-Security-Policy" in response.headers
    assert response.headers["Cache-Control"] == "no-store"


class _InlineFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script":
            if not names.get("src"):
                self.inline.append("<script> without src")
            else:
                self.scripts.append(str(names["src"]))
        if tag == "style":
            self.inline.append("<style> element")
        if "style" in names:
            self.inline.append(f"style attribute on <{tag}>")
        self.inline += [f"{k} handler on <{tag}>" for k in names if k.startswith("on")]


@pytest.mark.parametrize("path", ["/accessibility/", "/public/cookies/"])
def test_the_layout_has_no_inline_script_or_style(client: Client, path: str) -> None:
    finder = _InlineFinder()
    finder.feed(client.get(path).text)
    assert finder.inline == []
    assert finder.scripts == [
        "/static/joinedup/init.mjs",
        "/static/htmx/htmx.min.js",
        "/static/joinedup/htmx-csrf.js",
        "/static/joinedup/govuk-body-classes.js",
    ]


def test_the_scripts_the_layout_loads_are_served_locally(client: Client) -> None:
    finder = _InlineFinder()
    finder.feed(client.get("/accessibility/").text)
    for src in [*finder.scripts, "/static/govuk/govuk-frontend.min.js"]:
        response = client.get(src)
        assert response.status_code == 200, src
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        assert len(body) > 100, src


def test_the_page_gives_scripts_the_csrf_token_in_a_meta_tag(client: Client) -> None:
    text = client.get("/accessibility/").text
    assert '<meta name="csrf-token" content="' in text
    token = text.split('<meta name="csrf-token" content="')[1].split('"')[0]
    assert len(token) >= 32
