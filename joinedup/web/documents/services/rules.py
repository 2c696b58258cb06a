"""The documents app's rules, read once from data/documents.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["FileFormat", "NearDuplicateRules", "OcrRules", "Rules", "rules"]

RULES_FILE = Path(__file__).parent.parent / "data" / "documents.yaml"


@dataclass(frozen=True)
class FileFormat:
    name: str
    label: str
    extensions: tuple[str, ...]
    media_type: str
    magic: tuple[bytes, ...]
    magic_within: int


@dataclass(frozen=True)
class OcrRules:
    language: str
    min_text_characters: int
    timeout_seconds: int


@dataclass(frozen=True)
class NearDuplicateRules:
    shingle_words: int
    permutations: int
    bands: int
    threshold: float

    @property
    def rows_per_band(self) -> int:
        return self.permutations // self.bands


@dataclass(frozen=True)
class Rules:
    max_upload_bytes: int
    formats: dict[str, FileFormat]
    text_page_characters: int
    ocr: OcrRules
    near_duplicates: NearDuplicateRules

    def format_for_extension(self, extension: str) -> FileFormat | None:
        for found in self.formats.values():
            if extension.lower() in found.extensions:
                return found
        return None

    @property
    def extensions(self) -> list[str]:
        return [e for f in self.formats.values() for e in f.extensions]


@cache
def rules() -> Rules:
    loaded: dict[str, Any] = yaml.safe_load(RULES_FILE.read_text("utf-8"))
    return Rules(
        max_upload_bytes=int(loaded["max_upload_bytes"]),
        formats={name: _format(name, spec) for name, spec in loaded["formats"].items()},
        text_page_characters=int(loaded["text_page_characters"]),
        ocr=OcrRules(**loaded["ocr"]),
        near_duplicates=NearDuplicateRules(**loaded["near_duplicates"]),
    )


def _format(name: str, spec: dict[str, Any]) -> FileFormat:
    return FileFormat(
        name=name,
        label=spec["label"],
        extensions=tuple(spec["extensions"]),
        media_type=spec["media_type"],
        magic=tuple(m.encode("latin-1") for m in spec["magic"]),
        magic_within=int(spec["magic_within"]),
    )
