"""`joinedup review`: the person pairs, and the place, vehicle, phone and organisation
pairs, waiting for a person to decide."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from joinedup import config

if TYPE_CHECKING:
    from joinedup.web.records.models import SourcePerson

console = Console(highlight=False)

ENTITY_KINDS = ("place", "vehicle", "phone", "organisation")
BINDS = "It binds every later `joinedup link` and every record an import brings."


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
    console.print(
        "Show one with `joinedup review show PAIR`; places, vehicles, phones and "
        "organisations with `joinedup review entities`."
    )


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
    console.print(f"Recorded: {decision.get_decision_display()}, by {decision.decided_by}. {BINDS}")


@review.group("entities", invoke_without_command=True)
@click.option("--kind", type=click.Choice(ENTITY_KINDS), help="Only this kind of record.")
@click.pass_context
def entities(ctx: click.Context, kind: str | None) -> None:
    """Places, vehicles, phones and organisations that may be one: list, show, decide."""
    if ctx.invoked_subcommand is None:
        _list_entity_pairs(kind)


def _list_entity_pairs(kind: str | None) -> None:
    from joinedup.web.people.entity_review import open_entity_pairs

    table = Table(title="Place, vehicle, phone and organisation pairs to review")
    for column in ("Pair", "Kind", "Probability", "Record A", "Record B", "Why listed"):
        table.add_column(column)
    for pair in open_entity_pairs(kind)[:50]:
        table.add_row(str(pair.pk), pair.kind, f"{pair.match_probability:.2f}",
                      pair.record_a, pair.record_b, pair.summary)  # fmt: skip
    console.print(table)
    console.print("Show one with `joinedup review entities show PAIR`.")


@entities.command("show")
@click.argument("pair_id", type=int)
def entities_show(pair_id: int) -> None:
    """Show one entity pair, field by field: each side's value, the level and its weight."""
    from joinedup.web.people.entity_review import entity_pair

    pair = entity_pair(pair_id)
    decided = f", decided by {pair.decision.decided_by}: {pair.decision.reason}" if (
        pair.decision is not None) else ""  # fmt: skip
    console.print(
        f"{pair.kind.capitalize()} pair {pair.pk} ({pair.status}{decided}): probability "
        f"{pair.match_probability:.3f}\n  A: {pair.record_a}\n  B: {pair.record_b}",
        soft_wrap=True,
    )
    table = Table(title="Field by field")
    for column in ("Field", "A", "B", "Level reached", "Weight"):
        table.add_column(column)
    for field in pair.explanation:
        table.add_row(field["field"], str(field["left"] or ""), str(field["right"] or ""),
                      field["level"], f"{field['weight']:+.2f}")  # fmt: skip
    console.print(table)


@entities.command("confirm")
@click.argument("pair_id", type=int)
@click.option("--reason", required=True, help="What in the records shows they are one.")
def entities_confirm(pair_id: int, reason: str) -> None:
    """Decide the two records are one place, vehicle, phone or organisation."""
    _decide_entity(pair_id, True, reason)


@entities.command("reject")
@click.argument("pair_id", type=int)
@click.option("--reason", required=True, help="What in the records shows they are two.")
def entities_reject(pair_id: int, reason: str) -> None:
    """Decide the two records are different places, vehicles, phones or organisations."""
    _decide_entity(pair_id, False, reason)


def _decide_entity(pair_id: int, same: bool, reason: str) -> None:
    from joinedup.web.people.entity_review import decide_entity_pair

    decision = decide_entity_pair(pair_id, same, config.current_user(), reason)
    console.print(
        f"Recorded: {decision.get_decision_display()}, by {decision.decided_by}. It binds "
        "every later `joinedup link`."
    )
