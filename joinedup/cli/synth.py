"""`joinedup synth`: write a synthetic borough (exports, mappings, ground truth)."""

from __future__ import annotations

from pathlib import Path

import click

from joinedup.cli.progress import step_progress
from joinedup.errors import InputError


def parse_years(text: str) -> tuple[int, int]:
    try:
        first, last = (int(part) for part in text.split("-"))
    except ValueError:
        raise InputError(f"--years {text!r}: expected two years like 1985-2025") from None
    if not 1900 <= first < last <= 2100:
        raise InputError(f"--years {text!r}: expected FROM-TO with FROM before TO, 1900-2100")
    return first, last


@click.command()
@click.option(
    "--children",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="How many children live in the borough.",
)
@click.option("--years", default="1985-2025", show_default=True, help="Period the records span.")
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same files.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder to write the borough into.",
)
def synth(children: int, years: str, seed: int, out_dir: Path) -> None:
    """Write a synthetic borough: one export per agency, mapping files and ground truth."""
    from joinedup.synth import generate_borough

    span = parse_years(years)
    with step_progress() as progress:
        summary = generate_borough(
            out_dir, children=children, years=span, seed=seed, progress=progress
        )
    click.echo(f"Wrote {out_dir / 'manifest.json'}")
    click.echo(summary.describe() if hasattr(summary, "describe") else str(summary))
