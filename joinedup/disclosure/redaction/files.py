"""Redact a text file: `joinedup redact-text IN.txt --known PEOPLE.csv --out OUT.txt`.

Offsets in SPANS.json are character offsets (not bytes) into IN.txt as read as UTF-8,
line endings kept as they are. Nothing is written unless everything succeeds: each output
goes to a temporary file beside it and is renamed into place at the end.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from joinedup.disclosure.redaction.people_file import read_known_people
from joinedup.disclosure.redaction.redactor import Redactor
from joinedup.disclosure.redaction.spans import Span, apply_redactions
from joinedup.errors import FileFormatError

__all__ = ["RedactionResult", "read_text_file", "redact_file", "spans_json"]


@dataclass(frozen=True, slots=True)
class RedactionResult:
    spans: tuple[Span, ...]
    known_people: int

    def counts(self) -> Counter[str]:
        return Counter(span.category for span in self.spans)


def read_text_file(path: Path) -> str:
    """The text of a UTF-8 file, line endings unchanged; FileFormatError if unreadable."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        raise FileFormatError(str(path), "file not found") from None
    except IsADirectoryError:
        raise FileFormatError(str(path), "is a folder, expected a text file") from None
    except UnicodeDecodeError as error:
        raise FileFormatError(
            str(path), f"not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None


def spans_json(spans: list[Span] | tuple[Span, ...]) -> str:
    """SPANS.json: a list of {start, end, category, text, source, person_ref}."""
    return json.dumps([span.as_dict() for span in spans], ensure_ascii=False, indent=2) + "\n"


def redact_file(
    text_path: Path,
    known_path: Path,
    out: Path,
    spans_path: Path | None = None,
    *,
    patterns: bool = True,
    presidio: bool = False,
) -> RedactionResult:
    """Write OUT (the text with every suggested span replaced) and, if asked, SPANS.json."""
    text = read_text_file(text_path)
    known = read_known_people(known_path)
    spans = Redactor(known, patterns=patterns, presidio=presidio).suggest(text)
    outputs = {Path(out): apply_redactions(text, spans)}
    if spans_path is not None:
        outputs[Path(spans_path)] = spans_json(spans)
    _write_all(outputs)
    return RedactionResult(tuple(spans), len(known))


def _write_all(outputs: dict[Path, str]) -> None:
    written: list[tuple[str, Path]] = []
    try:
        for path, content in outputs.items():
            if path.parent and not path.parent.is_dir():
                raise FileFormatError(str(path), "its folder does not exist")
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
            written.append((temporary, path))
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(content)
        for temporary, path in written:
            os.replace(temporary, path)
    finally:
        for temporary, _ in written:
            if os.path.exists(temporary):
                os.unlink(temporary)
