"""Every error joinedup raises on purpose.

    JoinedUpError                   base: the CLI prints these without a traceback, exit 2
    ├── ConfigurationError          a setting or environment variable is wrong
    └── InputError                  something a person gave us is wrong
        ├── MappingError            a mapping file is not valid (names the key that is wrong)
        ├── FileFormatError         a data file cannot be read: empty, truncated, wrong
        │                           encoding, or not what its extension says
        └── ValidationFailed        rows failed validation; carries every RowProblem

A RowProblem names the file, the row as a person sees it in the file (the header is
row 1, so the first data row is row 2; for JSON Lines, the line number), the field,
the value found and what was expected. Nothing is written when any of these is
raised during an import.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ConfigurationError",
    "FileFormatError",
    "InputError",
    "JoinedUpError",
    "MappingError",
    "RowProblem",
    "ValidationFailed",
]


class JoinedUpError(Exception):
    """Base of every error joinedup raises deliberately."""


class ConfigurationError(JoinedUpError):
    """A setting is missing or wrong."""


class InputError(JoinedUpError):
    """Input from a person (a file, an argument) is wrong."""


class MappingError(InputError):
    """A mapping file is not valid."""

    def __init__(self, path: str, key: str, problem: str) -> None:
        self.path = path
        self.key = key
        self.problem = problem
        super().__init__(f"{path}: {key}: {problem}")


class FileFormatError(InputError):
    """A data file cannot be read as the format it claims."""

    def __init__(self, path: str, problem: str, row: int | None = None) -> None:
        self.path = path
        self.row = row
        self.problem = problem
        where = f"{path}, row {row}" if row is not None else path
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One bad value in one row of one file."""

    file: str
    row: int
    field: str
    value: str
    expected: str

    def __str__(self) -> str:
        return (
            f"{self.file}, row {self.row}, field {self.field!r}: "
            f"found {self.value!r}, expected {self.expected}"
        )


class ValidationFailed(InputError):
    """One or more rows failed validation."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) found; nothing was imported:\n{shown}{more}")
