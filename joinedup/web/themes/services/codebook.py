"""The codebook: loaded from data/codebook.yaml, then added to, edited (each edit a new
version) and retired by staff. A code is never deleted: once used, its codings refer to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.themes.models import Code, CodeVersion

__all__ = [
    "CODEBOOK",
    "CodeDraft",
    "CodebookFile",
    "TreeLine",
    "add_code",
    "codebook_tree",
    "edit_code",
    "load_codebook",
    "read_codebook",
    "retire_code",
]

CODEBOOK = Path(__file__).resolve().parent.parent / "data" / "codebook.yaml"
_FIELDS = ("key", "label", "definition")


@dataclass(frozen=True)
class CodeDraft:
    """A code as a person writes it (parent: a code of the same inquiry, or none)."""

    key: str
    label: str
    definition: str
    include_note: str = ""
    exclude_note: str = ""
    source: str = ""
    parent: Code | None = None


@dataclass(frozen=True)
class CodebookFile:
    name: str
    version: str
    codes: list[dict[str, Any]]


@dataclass(frozen=True)
class TreeLine:
    code: Code
    depth: int
    live_codings: int


def read_codebook(path: Path = CODEBOOK) -> CodebookFile:
    """The codebook file, checked: every code has a key, label and definition, keys are
    unique and a parent is a code earlier in the file."""
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InputError(f"{path}: cannot be read as YAML ({error})") from error
    if not isinstance(data, dict) or not isinstance(data.get("codes"), list):
        raise InputError(f"{path}: expected a mapping with name, version and a list of codes")
    seen: set[str] = set()
    for number, entry in enumerate(data["codes"], start=1):
        _check_entry(path, number, entry, seen)
    return CodebookFile(str(data.get("name", "")), str(data.get("version", "")), data["codes"])


def _check_entry(path: Path, number: int, entry: Any, seen: set[str]) -> None:
    where = f"{path}: code {number}"
    if not isinstance(entry, dict):
        raise InputError(f"{where}: expected a mapping with key, label and definition")
    for field in _FIELDS:
        if not str(entry.get(field) or "").strip():
            raise InputError(f"{where}: field '{field}' is empty; every code needs one")
    if entry["key"] in seen:
        raise InputError(f"{where}: key '{entry['key']}' is used twice")
    if entry.get("parent") and entry["parent"] not in seen:
        raise InputError(f"{where}: parent '{entry['parent']}' is not a code above it")
    seen.add(str(entry["key"]))


def load_codebook(
    user: User, inquiry: Inquiry, path: Path = CODEBOOK, request: HttpRequest | None = None
) -> list[Code]:
    """Add the file's codes the inquiry does not have yet (by key); nothing else changes."""
    book = read_codebook(path)
    have = {c.key: c for c in Code.objects.filter(inquiry=inquiry)}
    added: list[Code] = []
    with transaction.atomic():
        for entry in book.codes:
            if entry["key"] in have:
                continue
            draft = _draft(entry, have.get(str(entry.get("parent") or "")))
            have[draft.key] = _create(user, inquiry, draft, f"{book.name} v{book.version}")
            added.append(have[draft.key])
        record_event(
            user,
            "themes.codebook_loaded",
            target_type="inquiry",
            target_id=inquiry.pk,
            detail={"codes_added": len(added)},
            request=request,
        )
    return added


def _draft(entry: dict[str, Any], parent: Code | None) -> CodeDraft:
    return CodeDraft(
        key=str(entry["key"]),
        label=str(entry["label"]).strip(),
        definition=str(entry["definition"]).strip(),
        include_note=str(entry.get("include") or "").strip(),
        exclude_note=str(entry.get("exclude") or "").strip(),
        source=str(entry.get("source") or "").strip(),
        parent=parent,
    )


def _create(user: User, inquiry: Inquiry, draft: CodeDraft, codebook_version: str) -> Code:
    code = Code.objects.create(
        inquiry=inquiry,
        key=draft.key,
        parent=draft.parent,
        label=draft.label,
        definition=draft.definition,
        include_note=draft.include_note,
        exclude_note=draft.exclude_note,
        source=draft.source,
        codebook_version=codebook_version,
        created_at=timezone.now(),
        created_by=user,
    )
    _snapshot(code, user, "First version")
    return code


def _snapshot(code: Code, user: User, note: str) -> None:
    CodeVersion.objects.create(
        code=code,
        number=code.version,
        parent_key=code.parent.key if code.parent else "",
        label=code.label,
        definition=code.definition,
        include_note=code.include_note,
        exclude_note=code.exclude_note,
        source=code.source,
        change_note=note,
        made_at=timezone.now(),
        made_by=user,
    )


def add_code(
    user: User, inquiry: Inquiry, draft: CodeDraft, request: HttpRequest | None = None
) -> Code:
    if Code.objects.filter(inquiry=inquiry, key=draft.key).exists():
        raise InputError(f"The codebook already has a code with the short name '{draft.key}'")
    _check_parent(inquiry, None, draft.parent)
    with transaction.atomic():
        code = _create(user, inquiry, draft, "")
        record_event(
            user,
            "themes.code_added",
            target_type="code",
            target_id=code.pk,
            detail={"inquiry": inquiry.pk},
            request=request,
        )
    return code


def _check_parent(inquiry: Inquiry, code: Code | None, parent: Code | None) -> None:
    if parent is None:
        return
    if parent.inquiry_id != inquiry.pk:
        raise InputError("The parent code belongs to another inquiry")
    above: Code | None = parent
    while above is not None:
        if code is not None and above.pk == code.pk:
            raise InputError("A code cannot sit under itself or one of its own sub-codes")
        above = above.parent


def edit_code(
    user: User, code: Code, draft: CodeDraft, note: str, request: HttpRequest | None = None
) -> Code:
    """A new version of the code's wording (its key never changes: codings refer to it)."""
    if code.retired:
        raise InputError("This code is retired: it cannot be changed")
    if not note.strip():
        raise InputError("Say why the code is changing")
    _check_parent(code.inquiry, code, draft.parent)
    with transaction.atomic():
        locked = Code.objects.select_for_update().get(pk=code.pk)
        for field in ("label", "definition", "include_note", "exclude_note", "source", "parent"):
            setattr(locked, field, getattr(draft, field))
        locked.version += 1
        locked.save()
        _snapshot(locked, user, note.strip())
        record_event(
            user,
            "themes.code_edited",
            target_type="code",
            target_id=locked.pk,
            detail={"version": locked.version},
            request=request,
        )
    return locked


def retire_code(user: User, code: Code, reason: str, request: HttpRequest | None = None) -> Code:
    """No new codings with it; its codings and counts stay."""
    if code.retired:
        raise InputError("This code is already retired")
    if not reason.strip():
        raise InputError("Say why the code is being retired")
    if code.children.filter(retired_at__isnull=True).exists():
        raise InputError("Retire or move this code's sub-codes first")
    with transaction.atomic():
        Code.objects.filter(pk=code.pk).update(
            retired_at=timezone.now(), retired_by=user, retired_reason=reason.strip()
        )
        record_event(
            user, "themes.code_retired", target_type="code", target_id=code.pk, request=request
        )
    return Code.objects.get(pk=code.pk)


def codebook_tree(inquiry: Inquiry) -> list[TreeLine]:
    """Every code of the inquiry, each parent followed by its children (by label)."""
    codes = list(
        Code.objects.filter(inquiry=inquiry).annotate(
            live=Count("codings", filter=Q(codings__removed_at__isnull=True))
        )
    )
    under: dict[int | None, list[Code]] = {}
    for code in codes:
        under.setdefault(code.parent_id, []).append(code)
    lines: list[TreeLine] = []

    def walk(parent: int | None, depth: int) -> None:
        for code in sorted(under.get(parent, []), key=lambda c: c.label.casefold()):
            lines.append(TreeLine(code, depth, getattr(code, "live", 0)))
            walk(code.pk, depth + 1)

    walk(None, 0)
    return lines
