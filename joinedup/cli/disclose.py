"""`joinedup disclose`: publish a table of counts under a named disclosure-control profile."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

__all__ = ["PROFILES", "disclose"]

console = Console(highlight=False)
PROFILES = ("nhs", "ons10", "dfe")  # joinedup.disclosure.shipped_profile_names(), unimported


@click.command("disclose")
@click.argument("table", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--profile",
    required=True,
    help="Disclosure-control profile: nhs (suppress 1-7, round to 5), ons10 (suppress 1-9, "
    "round to 5), dfe (c for 1-5; national and regional rounded to 10), or a profile .yaml.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="OUT.csv: the table as published, same shape.",
)
@click.option(
    "--reasons",
    type=click.Path(path_type=Path, dir_okay=False),
    help="REASONS.csv: row, column and reason for every cell the profile changed.",
)
@click.option(
    "--level",
    help="The profile's level [default: the profile's own: nhs sub-national, ons10 any, "
    "dfe local-authority].",
)
def disclose(table: Path, profile: str, out: Path, reasons: Path | None, level: str | None) -> None:
    """Publish a table of counts safely: suppress, round, protect totals, give reasons."""
    from joinedup.disclosure import disclose_file

    with console.status(f"Protecting {table.name} …"):
        result = disclose_file(table, profile, out, reasons, level)
    console.print(
        f"{out}: {result.primary_cells} cell(s) suppressed as small, "
        f"{result.secondary_cells} more to protect them; profile {result.profile_id}, "
        f"level {result.level}",
        soft_wrap=True,
    )
