"""The themes pages: inquiry team only, forms with the error summary, marked excerpts,
quotation consent, protected counts and downloads."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from joinedup.web.audit.models import AuditEntry
from joinedup.web.themes.models import Code, Coding
from joinedup.web.themes.services import known
from joinedup.web.themes.services.coding import code_item
from joinedup.web.themes.services.items import account_item
from tests.web.themes.conftest import Setting
from tests.web.themes.objects import make_inquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(setting: Setting, signed_in_client: Callable[..., Any]) -> Any:
    return signed_in_client(user=setting.coder)


@pytest.mark.parametrize("role", ["administrator", "auditor", "team_manager"])
def test_council_staff_cannot_see_the_codebook(
    setting: Setting, signed_in_client: Callable[..., Any], role: str
) -> None:
    client = signed_in_client(role)
    assert client.get(reverse("themes:codebook", args=[setting.inquiry.pk])).status_code == 403


def test_the_codebook_page_lists_codes_under_their_parents(setting: Setting, team: Any) -> None:
    page = team.get(reverse("themes:codebook", args=[setting.inquiry.pk])).content.decode()
    assert "Not believed or blamed by professionals" in page
    assert "Under Professional response: " in page


def test_loading_the_codebook_shows_what_it_adds_then_adds_it(
    make_user: Callable[..., Any], signed_in_client: Callable[..., Any]
) -> None:
    client = signed_in_client("inquiry_team")
    inquiry = make_inquiry(client.user)
    url = reverse("themes:codebook-load", args=[inquiry.pk])
    assert "Grooming through a" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302 and inquiry.codes.count() == 18
    assert "already has every code" in client.get(url).content.decode()


def test_adding_a_code_without_a_definition_shows_the_error_summary(
    setting: Setting, team: Any
) -> None:
    url = reverse("themes:code-add", args=[setting.inquiry.pk])
    page = team.post(url, {"key": "self-blame", "label": "Self-blame", "definition": ""})
    assert page.status_code == 200
    assert "There is a problem" in page.content.decode()
    assert "Enter a definition" in page.content.decode()
    parent = setting.code("after-effects")
    done = team.post(
        url,
        {
            "key": "self-blame",
            "label": "Self-blame",
            "definition": "Blame",
            "parent": str(parent.pk),
        },
    )
    code = Code.objects.get(key="self-blame")
    assert done["Location"] == reverse("themes:code", args=[code.pk]) and code.parent == parent


def test_editing_a_code_needs_a_reason_and_makes_version_2(setting: Setting, team: Any) -> None:
    code = setting.code("police-response")
    url = reverse("themes:code-edit", args=[code.pk])
    data = {"label": "Police", "definition": "Changed", "parent": str(code.parent_id)}
    assert "Say why the code is changing" in team.post(url, data).content.decode()
    team.post(url, {**data, "change_note": "Shorter"})
    code.refresh_from_db()
    assert (code.version, code.label) == (2, "Police")


def test_coding_an_excerpt_marks_it_in_the_text_with_its_label(
    setting: Setting, team: Any, account: Callable[..., Any]
) -> None:
    anonymised = account("He drove a taxi.\nHe gave us vodka.")
    url = reverse("themes:account", args=[setting.inquiry.pk, anonymised.pk])
    code = setting.code("alcohol-drugs-control")
    bad = team.post(url, {"code": str(code.pk), "excerpt": "gave us gin"}).content.decode()
    assert "There is a problem" in bad and "not in the text" in bad
    assert team.post(url, {"code": str(code.pk), "excerpt": "gave us vodka"}).status_code == 302
    page = team.get(url).content.decode()
    assert '<mark class="themes-excerpt">gave us vodka</mark>' in page
    assert "Alcohol and drugs used to control</strong>" in page
    assert AuditEntry.objects.filter(action="themes.item_viewed").exists()


def test_removing_a_coding_asks_for_a_reason(
    setting: Setting, team: Any, account: Callable[..., Any]
) -> None:
    item = account_item(setting.inquiry, account("Text").pk)
    coding = code_item(setting.coder, item, setting.code("police-response"), "", 1, "")
    url = reverse("themes:coding-remove", args=[coding.pk])
    assert "Enter the reason" in team.post(url, {"reason": ""}).content.decode()
    team.post(url, {"reason": "Wrong code"})
    assert Coding.objects.get(pk=coding.pk).removed_reason == "Wrong code"
    page = team.get(reverse("themes:account", args=[setting.inquiry.pk, item.pk]))
    assert "Removed codings" in page.content.decode()


def test_excerpts_quote_only_accounts_whose_survivor_agreed(
    setting: Setting, team: Any, account: Callable[..., Any], document: Callable[..., Any]
) -> None:
    code = setting.code("threats-violence")
    for text, quote in (("Quotable threat words", True), ("Private threat words", False)):
        item = account_item(setting.inquiry, account(text, quote=quote).pk)
        code_item(setting.coder, item, code, "threat words", 1, "")
    page = team.get(reverse("themes:excerpts", args=[code.pk])).content.decode()
    assert page.count("threat words") == 1
    assert "Private" not in page
    assert "1 coding of accounts is not shown" in page


def test_the_counts_page_shows_only_protected_figures_and_the_profile(
    setting: Setting, team: Any, account: Callable[..., Any]
) -> None:
    code = setting.code("takeaways-hotels")
    for n in range(3):
        item = account_item(setting.inquiry, account(f"t{n}", (2005, None)).pk)
        code_item(setting.coder, item, code, "", 1, "")
    url = reverse("themes:counts", args=[setting.inquiry.pk])
    page = team.get(url, {"profile": "dfe"}).content.decode()
    assert "dfe v1" in page and "<svg" in page
    assert "primary: 1–5 suppressed as &#x27;c&#x27; (dfe v1)" in page
    download = team.get(reverse("themes:counts-csv", args=[setting.inquiry.pk]))
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert ["Takeaways and hotels", "c", "0", "c"] in rows
    assert "ons10" in download["Content-Disposition"]


def test_the_known_page_explains_itself_and_downloads_protected_tables(
    setting: Setting, team: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [["CSC", n, 2000 + n % 2, 4.0, 4.0] for n in range(1, 15)]
    monkeypatch.setattr(known, "_compute", lambda rules: rows)
    page = team.get(reverse("themes:known", args=[setting.inquiry.pk])).content.decode()
    assert "nor a judgement on any person" in page and "ons10 v1" in page
    url = reverse("themes:known-csv", args=[setting.inquiry.pk])
    decade = list(csv.reader(io.StringIO(team.get(url, {"table": "decade"}).content.decode())))
    assert decade[0] == ["Period", "Acted on", "Never acted on", "Total", "Median months to action"]
    assert decade[1] == ["2000s", "15", "0", "15", "4.0"]
