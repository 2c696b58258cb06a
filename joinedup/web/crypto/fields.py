"""Model fields that keep their values encrypted in the database.

`EncryptedTextField` is django-fernet-encrypted-fields' field fed with our keys
(keys.py) rather than ones derived from SECRET_KEY, storing an empty value as
empty, and failing clearly on a value no key opens (the library would return the
token as if it were the text). `JSONFieldWithEncryptedKeys` encrypts chosen
top-level keys of a JSON document, for history tables that copy a record's
content. Neither can be searched or ordered by in the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from encrypted_fields import fields as library

from joinedup.web.crypto.cipher import decrypt_text, encrypt_text
from joinedup.web.crypto.keys import configured_keys, multi_fernet

__all__ = ["EncryptedTextField", "JSONFieldWithEncryptedKeys", "encrypted_fields_of"]


class EncryptedTextField(library.EncryptedTextField):  # type: ignore[misc]
    """Free text stored as a Fernet token; reads back as the text."""

    @property
    def keys(self) -> list[bytes]:
        return [key.encode("ascii") for key in configured_keys()]

    @property
    def f(self) -> Any:
        return multi_fernet()

    def get_prep_value(self, value: Any) -> Any:
        if value is None or value == "":
            return models.TextField.get_prep_value(self, value)
        return super().get_prep_value(value)

    def to_python(self, value: Any) -> Any:
        if value is None or not isinstance(value, str) or hasattr(self, "_already_decrypted"):
            return value
        return models.TextField.to_python(self, decrypt_text(value))


class JSONFieldWithEncryptedKeys(models.JSONField):
    """A JSON object whose named top-level text values are stored encrypted."""

    def __init__(self, *args: Any, encrypted_keys: Iterable[str] = (), **kwargs: Any) -> None:
        self.encrypted_keys = tuple(encrypted_keys)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["encrypted_keys"] = self.encrypted_keys
        return name, path, args, kwargs

    def get_prep_value(self, value: Any) -> Any:
        return super().get_prep_value(self._map(value, encrypt_text))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return self._map(super().from_db_value(value, expression, connection), decrypt_text)

    def _map(self, value: Any, change: Callable[[str], str]) -> Any:
        if not isinstance(value, dict):
            return value
        return {
            key: change(item) if key in self.encrypted_keys and isinstance(item, str) and item
            else item
            for key, item in value.items()
        }  # fmt: skip


def encrypted_fields_of(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, EncryptedTextField | JSONFieldWithEncryptedKeys)
    ]
