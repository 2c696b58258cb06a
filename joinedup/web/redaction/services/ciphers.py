"""The cipher registry: one cipher per protected person across every document.

A person in the index is keyed by their person id; someone known only from a document
by a SHA-256 of their name as written (lower case, spaces collapsed), so the same name
gets the same cipher wherever it is redacted. Reading the registry (cipher -> person)
is itself restricted and audited (`redaction.ciphers_viewed`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Max
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.services import record_event
from joinedup.web.people.models import Person
from joinedup.web.redaction.models import Cipher
from joinedup.web.redaction.services.protocol import cipher_kinds

__all__ = ["CipherRow", "cipher_for", "cipher_key", "register_cipher", "registry"]


def cipher_key(person_ref: str, name: str) -> str:
    if person_ref and not person_ref.startswith(("record:", "cipher:")):
        return f"person:{person_ref}"
    normalised = " ".join(name.lower().split())
    return "name:" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def cipher_for(user: Any, kind: str, person_ref: str, name: str) -> Cipher:
    """The person's cipher, made (and audited) if they have none. Their first cipher
    stands whatever ground later redactions give."""
    if person_ref.startswith("cipher:"):
        existing = Cipher.objects.filter(cipher=person_ref.removeprefix("cipher:")).first()
        if existing is not None:
            return existing
    key = cipher_key(person_ref, name)
    existing = Cipher.objects.filter(key=key).first()
    return existing or _new(user, kind, key, name)


def register_cipher(
    user: Any, kind: str, person_ref: str, name: str, request: HttpRequest | None = None
) -> Cipher:
    """Give a protected person a cipher before any document names them."""
    if kind not in cipher_kinds():
        raise InputError(f"Choose the kind of protected person ({', '.join(cipher_kinds())})")
    if not (person_ref or name.strip()):
        raise InputError("Enter the person's index id or their name")
    if person_ref and not Person.objects.filter(person_id=person_ref).exists():
        raise InputError(f"No person in the index has the id {person_ref}")
    key = cipher_key(person_ref, name)
    existing = Cipher.objects.filter(key=key).first()
    if existing is not None:
        raise InputError(f"This person already has the cipher {existing.cipher}")
    return _new(user, kind, key, name.strip(), request)


def _new(user: Any, kind: str, key: str, name: str, request: HttpRequest | None = None) -> Cipher:
    prefix, _ = cipher_kinds()[kind]
    with transaction.atomic():
        last = Cipher.objects.filter(kind=kind).aggregate(n=Max("number"))
        number = (last["n"] or 0) + 1
        cipher = Cipher.objects.create(
            kind=kind,
            number=number,
            cipher=f"{prefix}-{number}",
            key=key,
            name=name,
            created_at=timezone.now(),
            created_by=user,
        )
        record_event(
            user,
            "redaction.cipher_assigned",
            target_type="cipher",
            target_id=cipher.cipher,
            detail={"kind": kind, "in_index": key.startswith("person:")},
            request=request,
        )
    return cipher


@dataclass(frozen=True)
class CipherRow:
    cipher: Cipher
    kind_label: str
    person_id: str  # the person index id, or "" for someone known only by name
    name: str
    documents: int
    redactions: int


def registry(user: Any, request: HttpRequest | None = None) -> list[CipherRow]:
    """The whole registry (audited: it maps ciphers to people)."""
    found = Cipher.objects.annotate(
        n_redactions=Count("redactions"),
        n_documents=Count("redactions__document_version__document", distinct=True),
    )
    rows = [
        CipherRow(
            c,
            cipher_kinds()[c.kind][1] if c.kind in cipher_kinds() else c.kind,
            c.key.removeprefix("person:") if c.key.startswith("person:") else "",
            str(c.name),
            c.n_documents,
            c.n_redactions,
        )
        for c in found
    ]
    record_event(
        user, "redaction.ciphers_viewed", target_type="cipher_registry",
        detail={"ciphers": len(rows)}, request=request,
    )  # fmt: skip
    return rows
