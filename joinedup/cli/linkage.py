"""`joinedup link`, `joinedup review` and `joinedup link-file`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from joinedup.web.records.models import SourcePerson

from joinedup import config

console = Console(highlight=False)

threshold_option = click.option(
    "--threshold",
    type=click.FloatRange(0.5, 0.999),
    default=0.9,
    show_default=True,
    help="Probability at which two records are taken to be one person.",
)
model_option = click.option(
    "--model",
    "model_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A trained model file [default: the shipped model].",
)


@click.command()
@threshold_option
@click.option(
    "--review-from",
    type=click.FloatRange(0.01, 0.999),
    default=0.5,
    show_default=True,
    help="Pairs from here up to the threshold go for review.",
)
@model_option
def link(threshold: float, review_from: float, model_path: Path | None) -> None:
    """Link every agency's person records into persons, obeying review decisions."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    from joinedup.web.people.linking import link_everyone

    with console.status("Linking …") as status:
        result = link_everyone(
            config.current_user(),
            threshold,
            review_from,
            model_path,
            progress=lambda step: status.update(f"Linking: {step}"),
        )
    run = result.run
    console.print(
        f"Run {run.pk}: {run.records:,} records → {run.persons:,} persons "
        f"({run.pairs_scored:,} pairs scored at ≥ {review_from}); person IDs "
        f"kept {run.summary['kept']:,}, new {run.summary['new']:,}, merged "
        f"{run.summary['merged']:,}, split {run.summary['split']:,}; "
        f"{run.review_pairs.count():,} pairs to review",
        soft_wrap=True,
    )


@click.group(invoke_without_command=True)
@click.pass_context
def review(ctx: click.Context) -> None:
    """List, show, confirm or reject the pairs waiting for a person to decide."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    if ctx.invoked_subcommand is None:
        _list_open_pairs()


def _list_open_pairs() -> None:
    from joinedup.web.people.review import open_review_pairs

    table = Table(title="Pairs to review (most likely first)")
    for column in ("Pair", "Probability", "Record A", "Record B"):
        table.add_column(column)
    for pair in open_review_pairs()[:50]:
        table.add_row(str(pair.pk), f"{pair.match_probability:.2f}",
                      _describe(pair.record_a), _describe(pair.record_b))  # fmt: skip
    console.print(table)
    console.print("Show one with `joinedup review show PAIR`.")


def _describe(person: SourcePerson) -> str:
    name = f"{person.forenames} {person.surname}".strip()
    return f"{person.agency.code}:{person.source_id} {name} {person.dob}"


@review.command("show")
@click.argument("pair_id", type=int)
def review_show(pair_id: int) -> None:
    """Show one pair with the weight each field added."""
    from joinedup.web.people.review import review_pair

    pair = review_pair(pair_id)
    console.print(
        f"Pair {pair.pk} ({pair.status}): probability {pair.match_probability:.3f}, "
        f"match weight {pair.match_weight:.2f}",
        soft_wrap=True,
    )
    console.print(f"  A: {_describe(pair.record_a)}\n  B: {_describe(pair.record_b)}")
    table = Table(title="Field by field")
    for column in ("Field", "Level reached", "Weight"):
        table.add_column(column)
    for field in pair.explanation:
        table.add_row(field["comparison"], field["level"], f"{field['match_weight']:+.2f}")
    console.print(table)


@review.command("confirm")
@click.argument("pair_id", type=int)
@click.option("--reason", required=True, help="What in the records shows they are one person.")
def review_confirm(pair_id: int, reason: str) -> None:
    """Decide the two records are the same person (binds every later run)."""
    _decide(pair_id, True, reason)


@review.command("reject")
@click.argument("pair_id", type=int)
@click.option("--reason", required=True, help="What in the records shows they are two people.")
def review_reject(pair_id: int, reason: str) -> None:
    """Decide the two records are different people (binds every later run)."""
    _decide(pair_id, False, reason)


def _decide(pair_id: int, same: bool, reason: str) -> None:
    from joinedup.web.people.review import decide_pair

    decision = decide_pair(pair_id, same, config.current_user(), reason)
    console.print(
        f"Recorded: {decision.get_decision_display()}. It applies from the next "
        "`joinedup link` run onwards."
    )


@click.command("link-file")
@click.argument("people", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--out",
    "out_clusters",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="CLUSTERS.csv: record_id,person_id for every record.",
)
@click.option(
    "--pairs",
    "out_pairs",
    type=click.Path(path_type=Path, dir_okay=False),
    help="PAIRS.csv: scored pairs at or above the threshold.",
)
@threshold_option
@model_option
def link_file_command(people: Path, out_clusters: Path, out_pairs: Path | None,
                      threshold: float, model_path: Path | None) -> None:  # fmt: skip
    """Link a person file (CSV or Parquet) with no database: record_id → person_id."""
    from joinedup.linkage.pipeline import link_file

    with console.status("Linking …"):
        result = link_file(people, out_clusters, out_pairs, threshold, model_path)
    console.print(
        f"{result.records:,} records → {result.persons:,} persons; "
        f"{result.pairs:,} pairs; model {result.model_version}",
        soft_wrap=True,
    )
    if result.unlinkable_record_ids:
        shown = ", ".join(result.unlinkable_record_ids[:20])
        console.print(
            f"[yellow]{len(result.unlinkable_record_ids)} record(s) have nothing to "
            f"link on (no name, date of birth or identifier) and were not guessed "
            f"at:[/] {shown}",
            soft_wrap=True,
        )
