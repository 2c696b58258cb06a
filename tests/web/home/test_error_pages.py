"""Error pages use the layout and the GOV.UK wording, and never show a traceback."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.template.loader import get_template
from django.test import Client

from tests.web.conftest import SignedInClient

pytestmark = pytest.mark.django_db


def test_page_not_found(signed_in_client: Callable[..., SignedInClient]) -> None:
    response = signed_in_client().get("/no-such-page/")
    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in response.text
    assert "govuk-header" in response.text


def test_an_expired_form_gets_the_gov_uk_csrf_page() -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/sign-in/", {"username": "someone", "password": "x"})
    assert response.status_code == 403
    assert "This form has expired" in response.text
    assert "Nothing was saved" in response.text
    assert "CSRF verification failed" not in response.text


def test_the_server_error_page_renders_without_a_request() -> None:
    html = get_template("500.html").render()
    assert "Sorry, there is a problem with the service" in html
    assert "Sign out" not in html
