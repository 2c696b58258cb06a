"""`joinedup redact-text`: suggest and apply redactions to a text file."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

__all__ = ["redact_text"]

console = Console(highlight=False)


@click.command("redact-text")
@click.argument("text", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--known",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="PEOPLE.csv: the people whose names and details to redact (link-file columns, "
    "plus other_names, address, email, vehicle).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="OUT.txt: the text with each span replaced by its category, e.g. [Name].",
)
@click.option(
    "--spans",
    type=click.Path(path_type=Path, dir_okay=False),
    help="SPANS.json: start, end (character offsets into the input), category and text "
    "of every span redacted.",
)
@click.option(
    "--known-only",
    is_flag=True,
    help="Only the known people's names and details, no UK identifier patterns.",
)
@click.option(
    "--presidio",
    is_flag=True,
    help="Also Presidio's UK pattern recognisers, offline (needs the joinedup[presidio] extra).",
)
def redact_text(
    text: Path, known: Path, out: Path, spans: Path | None, known_only: bool, presidio: bool
) -> None:
    """Redact a document: known people's names and details, UK identifiers. Review it."""
    from joinedup.disclosure.redaction.files import redact_file

    result = redact_file(text, known, out, spans, patterns=not known_only, presidio=presidio)
    counts = ", ".join(f"{n} {category}" for category, n in sorted(result.counts().items()))
    console.print(
        f"{out}: {len(result.spans)} span(s) redacted ({counts or 'none'}) using "
        f"{result.known_people} known people"
        + (f"; spans in {spans}" if spans else "")
        + ". Suggestions only: a person must review them before release.",
        soft_wrap=True,
    )
