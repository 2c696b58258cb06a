"""`joinedup import` and `joinedup status`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from joinedup import config
from joinedup.errors import InputError

if TYPE_CHECKING:
    from joinedup.web.people.arrivals import ArrivalSummary

console = Console(highlight=False)


@click.command("import")
@click.option("--agency", "agency_code", help="The agency's code, as in its mapping file.")
@click.option(
    "--mapping",
    "mapping_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The agency's mapping file (YAML).",
)
@click.option(
    "--manifest",
    "manifest_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Import every export listed in a synthetic borough's manifest.json.",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Import the valid rows and report the skipped ones (default: import nothing).",
)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
def import_command(
    agency_code: str | None,
    mapping_path: Path | None,
    manifest_path: Path | None,
    skip_invalid: bool,
    files: tuple[Path, ...],
) -> None:
    """Import agency export files (CSV, JSON Lines, Parquet, Excel) through a mapping file."""
    from joinedup.web.bootstrap import setup_django

    jobs = _jobs(agency_code, mapping_path, manifest_path, files)
    setup_django()
    for code, mapping, paths in jobs:
        _import_one(code, mapping, paths, skip_invalid)


def _jobs(
    agency_code: str | None,
    mapping_path: Path | None,
    manifest_path: Path | None,
    files: tuple[Path, ...],
) -> list[tuple[str, Path, list[Path]]]:
    if manifest_path is not None:
        if agency_code or mapping_path or files:
            raise InputError("--manifest imports a whole borough; give it alone")
        return _jobs_from_manifest(manifest_path)
    if not (agency_code and mapping_path and files):
        raise InputError("expected --agency CODE --mapping MAPPING.yaml FILE... or --manifest")
    for path in (mapping_path, *files):
        if not path.is_file():
            raise InputError(f"{path}: no such file")
    return [(agency_code, mapping_path, list(files))]


def _jobs_from_manifest(path: Path) -> list[tuple[str, Path, list[Path]]]:
    try:
        manifest = json.loads(path.read_text("utf-8"))
        exports = manifest["exports"]
        base = path.parent
        return [(e["agency"], base / e["mapping"], [base / f for f in e["files"]]) for e in exports]
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (ValueError, KeyError, TypeError) as error:
        raise InputError(
            f"{path}: not a joinedup manifest ({error}); expected "
            "an 'exports' list of agency, mapping and files"
        ) from None


def _import_one(code: str, mapping: Path, paths: list[Path], skip_invalid: bool) -> None:
    from joinedup.web.records.importing import import_export

    with console.status(f"Importing {code} …") as status:
        outcome = import_export(
            code,
            mapping,
            paths,
            user=config.current_user(),
            skip_invalid=skip_invalid,
            progress=lambda step: status.update(f"Importing {code}: {step}"),
        )
    b = outcome.batch
    console.print(
        f"[bold]{code}[/] batch {b.pk}: {b.rows_read} rows read; records: {b.created} created, "
        f"{b.changed} changed (new version), {b.unchanged} unchanged; "
        f"{b.skipped} rows skipped",
        soft_wrap=True,
    )
    console.print(_linking_line(outcome.linking), soft_wrap=True)
    if outcome.skipped:
        console.print(f"[yellow]Skipped ({len(outcome.skipped)} problem(s)):[/]")
        for problem in outcome.skipped:
            console.print(f"  {problem}", soft_wrap=True)


def _linking_line(linking: ArrivalSummary | None) -> str:
    """How the batch's person records were linked, in one line."""
    if linking is None:
        return (
            "Persons: not linked, there is no person index yet; run `joinedup link` "
            "(later imports link their records as they arrive)"
        )
    if linking.run is None:
        return "Persons: no new or changed person records to link"
    line = (
        f"Persons: {linking.records} new or changed record(s) linked: "
        f"{linking.linked_to_existing} to existing persons, {linking.new_persons} as new "
        f"persons, {linking.to_review} with pairs sent to review"
    )
    counted = (
        (linking.merged, "person(s) merged"),
        (linking.split, "person(s) split"),
        (linking.unlinkable, "record(s) with nothing to link on"),
    )
    extras = [f"{count} {what}" for count, what in counted if count]
    return line + (f"; {', '.join(extras)}" if extras else "")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
def status(as_json: bool) -> None:
    """Print record counts per agency and record type, and the import batches."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    from joinedup.web.records.status import database_status

    report = database_status()
    if as_json:
        for batch in report["batches"]:
            batch.pop("finished")
        click.echo(json.dumps(report, indent=2))
        return
    _print_status(report)


def _print_status(report: dict[str, object]) -> None:
    counts = Table(title="Records by agency")
    kinds = report["kinds"]
    assert isinstance(kinds, list)
    for column in ["Agency", *kinds]:
        counts.add_column(column, justify="left" if column == "Agency" else "right")
    agencies = report["agencies"]
    assert isinstance(agencies, list)
    for agency in agencies:
        counts.add_row(
            f"{agency['name']} ({agency['code']})", *[str(agency["counts"][k]) for k in kinds]
        )
    console.print(counts)
    batches = Table(title="Import batches")
    for column in (
        "Batch",
        "Agency",
        "By",
        "Finished",
        "Read",
        "Created",
        "Changed",
        "Unchanged",
        "Skipped",
    ):
        batches.add_column(column)
    batch_rows = report["batches"]
    assert isinstance(batch_rows, list)
    for b in batch_rows:
        batches.add_row(
            str(b["id"]),
            b["agency"],
            b["imported_by"],
            str(b["finished_at"])[:19],
            *[str(b[k]) for k in ("rows_read", "created", "changed", "unchanged", "skipped")],
        )
    console.print(batches)
