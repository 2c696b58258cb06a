"""`joinedup audit verify`, `joinedup audit anchor` and `joinedup audit export`.

`verify` exits 0 when the chain is intact, 1 when tampering is found (naming each
altered, missing or reordered entry) and 2 when it cannot check (an error).
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import click
from rich.console import Console

from joinedup import config
from joinedup.errors import ConfigurationError

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False)

_SHOWN = 50

anchors_option = click.option(
    "--anchors",
    "anchor_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The anchor file [default: JOINEDUP_AUDIT_ANCHOR_FILE, or the data folder's].",
)


@click.group("audit")
def audit() -> None:
    """Verify, anchor and export the hash-chained audit log."""


@audit.command("verify")
@anchors_option
def verify(anchor_file: Path | None) -> None:
    """Recompute the audit chain and report any altered, removed or reordered entry."""
    from django.db import DatabaseError

    from joinedup.web.bootstrap import setup_django

    setup_django()
    from joinedup.web.audit.checking import verify_audit_log

    try:
        report = verify_audit_log(anchor_file)
    except DatabaseError as error:
        raise ConfigurationError(f"cannot read the audit log: {error}") from None
    if report.intact:
        console.print(
            f"Audit log intact: {report.entries_checked} entries, last entry "
            f"{report.last_sequence} ({report.last_hash[:16]}…), "
            f"{report.anchors_checked} anchor(s) agree."
        )
        return
    total = len(report.problems) + report.problems_not_listed
    err_console.print(f"[bold red]Tampering found[/]: {total} problem(s)")
    for problem in report.problems[:_SHOWN]:
        err_console.print(f"  {problem.message}", soft_wrap=True)
    if total > _SHOWN:
        err_console.print(f"  … and {total - _SHOWN} more")
    sys.exit(1)


@audit.command("anchor")
@anchors_option
def anchor(anchor_file: Path | None) -> None:
    """Append the chain head (last sequence and hash) to the anchor file outside the database."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    from joinedup.web.audit.anchors import default_anchor_file
    from joinedup.web.audit.checking import anchor_chain

    written = anchor_chain(anchor_file)
    console.print(
        f"Anchored entry {written.sequence} ({written.hash[:16]}…) "
        f"in {anchor_file or default_anchor_file()}"
    )


def _day(_: click.Context, __: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"expected a date as YYYY-MM-DD, found {value!r}") from None


@audit.command("export")
@click.option("--from", "start", callback=_day, help="First day (YYYY-MM-DD) [default: the start].")
@click.option("--to", "end", callback=_day, help="Last day, inclusive [default: today].")
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="CSV to write."
)
def export(start: date | None, end: date | None, out: Path) -> None:
    """Write audit entries between two dates to a CSV file for an auditor."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    from joinedup.web.audit.exporting import entries_between, write_csv
    from joinedup.web.audit.services import record_event

    count = write_csv(entries_between(start, end), out)
    period = {"from": start.isoformat() if start else "", "to": end.isoformat() if end else ""}
    record_event(
        None,
        "audit.export",
        detail={"by": config.current_user(), **period, "entries": count, "file": str(out)},
    )
    console.print(f"Wrote {count} audit entries to {out}")
