"""`joinedup chronology`: a multi-agency chronology as CSV or PDF (docs/chronology.md)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from rich.console import Console

from joinedup import config
from joinedup.errors import InputError
from joinedup.web.analysis.readers import DEFAULT_ROLE, reader_roles

console = Console(highlight=False)


@click.command()
@click.argument("person_id", required=False)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="FILE.csv (with FILE.csv.about.txt beside it) or FILE.pdf.",
)
@click.option("--purpose", required=True, help="Why it is produced: 'MACE meeting 12 May 2026'.")
@click.option(
    "--role",
    type=click.Choice(list(reader_roles())),
    default=DEFAULT_ROLE,
    show_default=True,
    help="The reader's role: which entries and fields they may see.",
)
@click.option("--agency", "agencies", multiple=True, help="Only this agency (repeatable).")
@click.option("--type", "event_types", multiple=True, help="Only this event type (repeatable).")
@click.option("--from", "start", type=click.DateTime(formats=["%Y-%m-%d"]), help="YYYY-MM-DD")
@click.option("--to", "end", type=click.DateTime(formats=["%Y-%m-%d"]), help="YYYY-MM-DD")
@click.option("--produced-by", help="Name in the header [default: the login name].")
@click.option("--context", "context_id", help="A place, vehicle, phone or organisation id.")
@click.option("--peer-group", multiple=True, help="A peer group's person ids (repeatable).")
@click.option("--network", multiple=True, help="A network's person ids (repeatable).")
def chronology(
    person_id: str | None,
    out: Path,
    purpose: str,
    role: str,
    agencies: tuple[str, ...],
    event_types: tuple[str, ...],
    start: datetime | None,
    end: datetime | None,
    produced_by: str | None,
    context_id: str | None,
    peer_group: tuple[str, ...],
    network: tuple[str, ...],
) -> None:
    """Write the chronology of a person, a context or a network, as a role may see it."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    from joinedup.chronology import Filters
    from joinedup.web.analysis.chronologies import (
        ChronologySubject,
        write_chronology_from_database,
    )
    from joinedup.web.analysis.readers import entitlements_for_role

    _check_codes(agencies, event_types)
    if start and end and end < start:
        raise InputError(f"--to {end:%Y-%m-%d} is before --from {start:%Y-%m-%d}")
    filters = Filters(
        agencies=frozenset(agencies) or None,
        event_types=frozenset(event_types) or None,
        start=start.date() if start else None,
        end=end.date() if end else None,
    )
    reader = entitlements_for_role(role)
    subject = ChronologySubject(person_id, context_id, peer_group, network)
    with console.status("Writing the chronology …"):
        written = write_chronology_from_database(
            subject, out, reader, purpose, produced_by or config.current_user(), filters
        )
    console.print(
        f"Wrote {out}: {written.title}, {written.subject.describe()}; "
        f"{len(written.events()):,} entries shown. Role {role}. {reader.describe()}",
        soft_wrap=True,
    )
    for withheld in written.withheld:
        console.print(f"  {withheld.statement()}", soft_wrap=True)


def _check_codes(agencies: tuple[str, ...], event_types: tuple[str, ...]) -> None:
    from joinedup.records import vocabularies
    from joinedup.web.records.models import Agency

    known_agencies = set(Agency.objects.values_list("code", flat=True))
    for code in agencies:
        if code not in known_agencies:
            raise InputError(
                f"--agency {code}: expected one of {', '.join(sorted(known_agencies))}"
            )
    known_types = vocabularies.codes("event_type")
    for code in event_types:
        if code not in known_types:
            raise InputError(f"--type {code}: not in the event_type vocabulary "
                             "(joinedup/records/data/vocabularies.yaml)")  # fmt: skip
