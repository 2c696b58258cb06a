"""Re-encrypting every encrypted value under the newest key, and checking which
key each value is under.

`reencrypt_everything` reads each value (any configured key opens it; plaintext
from before encryption reads as it is) and writes it back, which encrypts it with
the newest key, all in one transaction: if anything fails nothing changes and the
old keys still read every value.
"""

from __future__ import annotations

import json
import operator
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import reduce
from pathlib import Path
from typing import Any, TypeAlias

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.db import connection, models, transaction

from joinedup.errors import ConfigurationError
from joinedup.web.crypto.cipher import looks_encrypted
from joinedup.web.crypto.fields import JSONFieldWithEncryptedKeys, encrypted_fields_of
from joinedup.web.crypto.keys import (
    configured_keys,
    fingerprint,
    key_file,
    keys_from_environment,
    reload_keys,
    write_key_file,
)

__all__ = [
    "column_label",
    "encrypted_columns",
    "key_usage",
    "reencrypt_column",
    "reencrypt_everything",
    "retire_older_keys",
    "rotate_keys",
    "Rotation",
]

_BATCH = 500

Column: TypeAlias = "tuple[type[models.Model], models.Field[Any, Any]]"


def encrypted_columns() -> list[Column]:
    """Every encrypted field of every installed model."""
    return [(model, f) for model in apps.get_models() for f in encrypted_fields_of(model)]


def column_label(column: Column) -> str:
    model, field = column
    return f"{model._meta.label}.{field.name}"


def reencrypt_everything() -> dict[str, int]:
    """Rewrite every non-empty encrypted value under the newest key; counts per column."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        for column in encrypted_columns():
            counts[column_label(column)] = reencrypt_column(*column)
    return counts


def reencrypt_column(model: type[models.Model], field: models.Field[Any, Any]) -> int:
    """Rewrite one column in pages of primary keys (migrations call this too)."""
    manager, written, last = model._base_manager, 0, None
    holding = manager.all()
    if isinstance(field, JSONFieldWithEncryptedKeys):
        with_keys = [models.Q(**{f"{field.name}__has_key": key}) for key in field.encrypted_keys]
        holding = holding.filter(reduce(operator.or_, with_keys))
    while True:
        page = holding.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        rows = list(page.values_list("pk", field.name)[:_BATCH])
        if not rows:
            return written
        last = rows[-1][0]
        changed = [
            model(pk=pk, **{field.attname: value})
            for pk, value in rows
            if _holds_text(field, value)
        ]
        manager.bulk_update(changed, [field.name])
        written += len(changed)


def _holds_text(field: models.Field[Any, Any], value: Any) -> bool:
    if isinstance(field, JSONFieldWithEncryptedKeys):
        return isinstance(value, dict) and any(
            isinstance(value.get(key), str) and value[key] for key in field.encrypted_keys
        )
    return bool(value)


def key_usage() -> dict[str, Counter[str]]:
    """Per column: how many values each key opens (by fingerprint), plaintext, unreadable."""
    fernets = [(fingerprint(k), Fernet(k)) for k in configured_keys()]
    usage: dict[str, Counter[str]] = {}
    for column in encrypted_columns():
        tally: Counter[str] = Counter()
        for text in _stored_texts(*column):
            tally[_which_key(text, fernets)] += 1
        usage[column_label(column)] = tally
    return usage


def _which_key(text: str, fernets: list[tuple[str, Fernet]]) -> str:
    if not looks_encrypted(text):
        return "plaintext"
    for name, fernet in fernets:
        try:
            fernet.decrypt(text.encode("ascii"))
        except InvalidToken:
            continue
        return name
    return "unreadable"


def _stored_texts(model: type[models.Model], field: models.Field[Any, Any]) -> Iterator[str]:
    """The values as stored (still encrypted), read with SQL that bypasses the field."""
    quote = connection.ops.quote_name
    sql = f"SELECT {quote(str(field.column))} FROM {quote(model._meta.db_table)}"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(2000):
            for (value,) in rows:
                yield from _texts_in(field, value)


def _texts_in(field: models.Field[Any, Any], value: Any) -> Iterator[str]:
    if not isinstance(field, JSONFieldWithEncryptedKeys):
        if value:
            yield value
        return
    document = json.loads(value) if isinstance(value, str) else value
    if isinstance(document, dict):
        for key in field.encrypted_keys:
            if isinstance(document.get(key), str) and document[key]:
                yield document[key]


@dataclass(frozen=True, slots=True)
class Rotation:
    """What `rotate_keys` did: the key now encrypting, values rewritten, keys kept for reading."""

    newest: str
    rewritten: dict[str, int]
    older: list[str]
    from_environment: bool


def rotate_keys() -> Rotation:
    """Put a new key first (key file) and re-encrypt every value under the first key.

    With keys in JOINEDUP_FIELD_KEYS the operator has already put the new key
    first; this re-encrypts under it. Older keys stay configured, for reading,
    until `retire_older_keys`.
    """
    current = list(configured_keys())
    from_environment = keys_from_environment()
    if not from_environment:
        current.insert(0, Fernet.generate_key().decode("ascii"))
        write_key_file(key_file(), current)
        reload_keys()
    rewritten = reencrypt_everything()
    return Rotation(
        fingerprint(current[0]), rewritten, [fingerprint(k) for k in current[1:]], from_environment
    )


def retire_older_keys() -> list[str]:
    """Drop every key but the newest from the key file, once no value is under one.

    Retired keys are appended to `<key file>.retired` (mode 0600) so database
    backups taken before the rotation can still be read. With keys from the
    environment nothing is written: the caller tells the operator which to remove.
    """
    current = list(configured_keys())
    older = {fingerprint(k): k for k in current[1:]}
    in_use = sorted(
        {name for tally in key_usage().values() for name, count in tally.items() if count}
        & older.keys()
    )
    if in_use:
        raise ConfigurationError(
            f"values are still encrypted under key(s) {', '.join(in_use)}: "
            "run `joinedup keys rotate` first"
        )
    if older and not keys_from_environment():
        _append_retired(key_file().with_name(key_file().name + ".retired"), current[1:])
        write_key_file(key_file(), current[:1])
        reload_keys()
    return list(older)


def _append_retired(path: Path, retired: list[str]) -> None:
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "a", encoding="ascii") as file:
        file.write(f"# retired {stamp}: only for reading database backups from before then\n")
        file.writelines(f"{key}\n" for key in retired)
        file.flush()
        os.fsync(file.fileno())
