"""The codebook: loaded from its data file, versioned on every change, retired not deleted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db.models import ProtectedError

from joinedup.errors import InputError
from joinedup.web.audit.models import AuditEntry
from joinedup.web.themes.models import Code, CodeVersion
from joinedup.web.themes.services.codebook import (
    CodeDraft,
    add_code,
    codebook_tree,
    edit_code,
    load_codebook,
    read_codebook,
    retire_code,
)
from joinedup.web.themes.services.coding import code_item
from joinedup.web.themes.services.items import account_item
from tests.web.themes.conftest import Setting

pytestmark = pytest.mark.django_db


def test_the_shipped_codebook_has_the_published_themes_with_definitions_and_sources() -> None:
    book = read_codebook()
    keys = {c["key"] for c in book.codes}
    assert {
        "not-believed",
        "missing-from-home-care",
        "boyfriend-grooming",
        "alcohol-drugs-control",
        "taxis-night-time-economy",
        "takeaways-hotels",
        "threats-violence",
        "sexual-health-no-safeguarding",
        "school-exclusion",
        "police-response",
        "fear-of-reprisal",
        "impact-adulthood",
    } <= keys
    assert all(c["definition"] and c["source"].startswith("DOMAIN.md") for c in book.codes)
    assert book.version == "1"


def test_loading_makes_a_tree_with_a_first_version_of_each_code(setting: Setting) -> None:
    tree = codebook_tree(setting.inquiry)
    assert len(tree) == len(read_codebook().codes)
    believed = setting.code("not-believed")
    assert believed.parent == setting.code("professional-response")
    assert believed.codebook_version == "inquiry-themes v1"
    assert [v.number for v in believed.versions.all()] == [1]
    depths = {line.code.key: line.depth for line in tree}
    assert depths["professional-response"] == 0 and depths["not-believed"] == 1


def test_loading_again_adds_only_what_is_missing(setting: Setting) -> None:
    before = Code.objects.count()
    assert load_codebook(setting.coder, setting.inquiry) == []
    assert Code.objects.count() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("codes:\n  - {key: a, label: A}\n", "code 1: field 'definition' is empty"),
        (
            "codes:\n  - {key: a, label: A, definition: D, parent: b}\n",
            "code 1: parent 'b' is not a code above it",
        ),
        (
            "codes:\n  - {key: a, label: A, definition: D}\n"
            "  - {key: a, label: B, definition: E}\n",
            "code 2: key 'a' is used twice",
        ),
        ("name: x\n", "expected a mapping with name, version and a list of codes"),
    ],
)
def test_a_bad_codebook_file_is_refused_naming_the_code_and_field(
    setting: Setting, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text(text, "utf-8")
    before = Code.objects.count()
    with pytest.raises(InputError, match=message) as raised:
        load_codebook(setting.coder, setting.inquiry, path)
    assert str(path) in str(raised.value)
    assert Code.objects.count() == before


def test_editing_makes_a_new_version_and_keeps_the_old_wording(setting: Setting) -> None:
    code = setting.code("police-response")
    draft = CodeDraft(
        code.key, "Police response and investigation", "New definition", parent=code.parent
    )
    edited = edit_code(setting.coder, code, draft, "Wider after pilot coding")
    assert edited.version == 2 and edited.label == "Police response and investigation"
    versions = list(CodeVersion.objects.filter(code=code).order_by("number"))
    assert [(v.number, v.label) for v in versions] == [
        (1, "Police response"),
        (2, "Police response and investigation"),
    ]
    assert versions[1].change_note == "Wider after pilot coding"
    with pytest.raises(InputError, match="Say why"):
        edit_code(setting.coder, edited, draft, " ")


def test_a_code_cannot_be_put_under_its_own_sub_code(setting: Setting) -> None:
    parent = setting.code("professional-response")
    child = setting.code("not-believed")
    draft = CodeDraft(parent.key, parent.label, parent.definition, parent=child)
    with pytest.raises(InputError, match="under itself"):
        edit_code(setting.coder, parent, draft, "Move")


def test_adding_a_code_refuses_a_short_name_already_used(setting: Setting) -> None:
    draft = CodeDraft("self-blame", "Self-blame", "Blaming themselves", parent=None)
    code = add_code(setting.coder, setting.inquiry, draft)
    assert code.version == 1 and code.versions.count() == 1
    with pytest.raises(InputError, match="already has a code"):
        add_code(setting.coder, setting.inquiry, draft)


def test_a_used_code_is_retired_not_deleted_and_keeps_its_codings(
    setting: Setting, account: Callable[..., Any]
) -> None:
    code = setting.code("fear-of-reprisal")
    item = account_item(setting.inquiry, account("I was scared to tell.").pk)
    code_item(setting.coder, item, code, "", 1, "")
    with pytest.raises(ProtectedError):
        code.delete()
    retired = retire_code(setting.coder, code, "Merged into threats and violence")
    assert retired.retired and retired.codings.count() == 1
    with pytest.raises(InputError, match="retired"):
        code_item(setting.coder, item, retired, "", 1, "")
    with pytest.raises(InputError, match="already retired"):
        retire_code(setting.coder, retired, "Again")


def test_a_parent_with_live_sub_codes_cannot_be_retired(setting: Setting) -> None:
    with pytest.raises(InputError, match="sub-codes first"):
        retire_code(setting.coder, setting.code("after-effects"), "Not needed")


def test_changes_are_audited_with_ids_only(setting: Setting) -> None:
    code = setting.code("school-exclusion")
    retire_code(setting.coder, code, "Secret reason text")
    entry = AuditEntry.objects.filter(action="themes.code_retired").get()
    assert entry.target_id == str(code.pk)
    assert "Secret" not in str(entry.detail)
