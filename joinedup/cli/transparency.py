"""`joinedup annual-report`, `joinedup export-figures` and `joinedup compare-areas`:
the published figures as a PDF report, as a folder for other areas, and side by side."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

__all__ = ["annual_report", "compare_areas_command", "export_figures"]

console = Console(highlight=False)


def _year(value: str) -> int:
    """2024 or 2024-25 → 2024 (the year starting 1 April 2024)."""
    text = value.strip()
    head = text.split("-", 1)[0]
    if not head.isdigit() or len(head) != 4:
        raise click.BadParameter(f"{value!r}: expected a year such as 2024 or 2024-25")
    return int(head)


@click.command("annual-report")
@click.option("--year", "year", required=True, help="The financial year: 2024 or 2024-25 "
              "(1 April 2024 to 31 March 2025).")  # fmt: skip
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The PDF to write.")  # fmt: skip
def annual_report(year: str, out: Path) -> None:
    """Write the annual report for a published year as a PDF."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    from joinedup.web.transparency.services.export import publication_for_year
    from joinedup.web.transparency.services.report import annual_report_pdf

    publication = publication_for_year(_year(year))
    with console.status(f"Writing the annual report for {publication.year_label} …"):
        data = annual_report_pdf(publication)
    partial = out.with_name(out.name + ".partial")
    partial.write_bytes(data)
    partial.replace(out)
    console.print(f"{out}: annual report {publication.year_label} from publication "
                  f"{publication.pk} ({publication.profile_id})", soft_wrap=True)  # fmt: skip


@click.command("export-figures")
@click.option("--year", "year", required=True, help="The financial year: 2024 or 2024-25.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="A new (or empty) folder to write the export to.")  # fmt: skip
def export_figures(year: str, out: Path) -> None:
    """Write a published year's protected figures for other areas (docs/transparency.md)."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    from joinedup.transparency import write_area_export
    from joinedup.web.transparency.services.export import export_for, publication_for_year

    publication = publication_for_year(_year(year))
    written = write_area_export(export_for(publication), out)
    console.print(f"{out}: {len(written)} files, {publication.year_label} from publication "
                  f"{publication.pk} ({publication.profile_id})", soft_wrap=True)  # fmt: skip


@click.command("compare-areas")
@click.argument("first", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.argument("second", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--allow-different-profiles", is_flag=True,
              help="Compare exports made under different disclosure profiles anyway.")  # fmt: skip
@click.option("--figure", help="Only this figure (an id from figures.yaml, e.g. referrals).")
def compare_areas_command(
    first: Path, second: Path, allow_different_profiles: bool, figure: str | None
) -> None:
    """Print two areas' exported figures side by side (protected values only)."""
    from joinedup.transparency import compare_areas, load_area_export

    a, b = load_area_export(first), load_area_export(second)
    cells = compare_areas(a, b, allow_different_profiles=allow_different_profiles)
    if figure:
        cells = [c for c in cells if c.figure == figure]
    table = Table(title=f"{a.year} ({a.profile_id}) and {b.year} ({b.profile_id})")
    for name in ("Figure", "Table", "Row", "Column"):
        table.add_column(name)
    table.add_column(a.area, justify="right")
    table.add_column(b.area, justify="right")
    for cell in cells:
        table.add_row(cell.figure, cell.table, cell.row, cell.column, cell.first, cell.second)
    console.print(table)
    if a.figures_version != b.figures_version:
        console.print(f"Note: the figures were defined differently ({a.figures_version} and "
                      f"{b.figures_version}); check figures.yaml in each export.")  # fmt: skip
