"""`joinedup screen` and `joinedup network`: screening prompts and networks from the
system of record (docs/screening.md, docs/network.md)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from joinedup import config

if TYPE_CHECKING:
    from joinedup.web.analysis.network import NetworkOutcome
    from joinedup.web.analysis.screening import ScreeningOutcome

console = Console(highlight=False)

SHIPPED_SCHEMES = ("seraf", "high_medium_lower", "rag")
PROMPT_NOTE = "A suggested grade is a prompt for a practitioner to judge, never a decision."


rules_option = click.option(
    "--rules",
    "rules",
    metavar="FILE|" + "|".join(SHIPPED_SCHEMES),
    help="A rule file, or the name of a shipped one [default: seraf].",
)


@click.command()
@rules_option
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Screen as at this date, YYYY-MM-DD: only events up to it count [default: today].",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="RESULTS.csv: one row per child (person_id, sources, score, suggested_grade, "
    "indicators, rules_version).",
)
def screen(rules: str | None, as_of: datetime | None, out: Path | None) -> None:
    """Screen every child against the indicator rules and store the prompts."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    from joinedup.screening import write_results_csv
    from joinedup.web.analysis.screening import resolve_rule_file, screen_everyone

    with console.status("Screening …") as status:
        outcome = screen_everyone(
            config.current_user(),
            resolve_rule_file(rules),
            as_of.date() if as_of else None,
            progress=lambda step: status.update(f"Screening: {step}"),
        )
    _print_screening(outcome)
    if out is not None:
        rows = write_results_csv(outcome.results, outcome.tables.sources, out)
        console.print(f"Wrote {out} ({rows:,} rows)")


def _print_screening(outcome: ScreeningOutcome) -> None:
    run, rules = outcome.run, outcome.rules
    console.print(
        f"Run {run.pk}: screened {run.children:,} children as of {run.as_of:%d %B %Y} with "
        f"{run.rules_file} version {run.rules_version} (scheme {run.scheme}, digest "
        f"{run.rules_digest})",
        soft_wrap=True,
    )
    table = Table(title="Suggested grades")
    table.add_column("Grade")
    table.add_column("Children", justify="right")
    for grade, count in outcome.grade_counts():
        prompt = " (prompt)" if grade in rules.prompt_grades else ""
        table.add_row(f"{grade}{prompt}", f"{count:,}")
    console.print(table)
    console.print(
        f"{outcome.prompted():,} children at a prompt grade. {PROMPT_NOTE}", soft_wrap=True
    )
    if outcome.not_linked:
        console.print(
            f"[yellow]{outcome.not_linked:,} child record(s) are not linked to a person, so "
            "their results were not stored: run `joinedup link`, then screen again.[/]",
            soft_wrap=True,
        )


@click.command()
@click.option(
    "--min-children",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Alert when an adult, place, vehicle, phone or organisation links to this many "
    "children with indicators.",
)
@click.option(
    "--graphml",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the whole entity graph as GraphML.",
)
@click.option(
    "--i2",
    "i2_folder",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write entities.csv and links.csv for i2 Analyst's Notebook into this folder.",
)
@click.option(
    "--alerts",
    "alerts_csv",
    type=click.Path(path_type=Path, dir_okay=False),
    help="ALERTS.csv: one row per alert, with the children and the events behind it.",
)
@rules_option
@click.option(
    "--aids",
    is_flag=True,
    help="Also show links and betweenness of the alerted items: aids for reading a chart, "
    "never a score of a person.",
)
def network(
    min_children: int,
    graphml: Path | None,
    i2_folder: Path | None,
    alerts_csv: Path | None,
    rules: str | None,
    aids: bool,
) -> None:
    """Build the network of persons, places, vehicles and phones; alert on shared links."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    from joinedup.network import export_graphml, export_i2_csv
    from joinedup.web.analysis.network import network_everyone, write_alerts_csv
    from joinedup.web.analysis.screening import resolve_rule_file

    with console.status("Building the network …") as status:
        outcome = network_everyone(
            config.current_user(),
            min_children,
            resolve_rule_file(rules),
            progress=lambda step: status.update(f"Network: {step}"),
        )
    _print_network(outcome)
    if aids:
        _print_aids(outcome)
    if alerts_csv is not None:
        rows = write_alerts_csv(outcome.alerts, alerts_csv)
        console.print(f"Wrote {alerts_csv} ({rows:,} alerts)")
    if graphml is not None:
        export_graphml(outcome.graph, graphml)
        console.print(f"Wrote {graphml}")
    if i2_folder is not None:
        entities, links = export_i2_csv(outcome.graph, i2_folder)
        console.print(f"Wrote {entities} and {links}")


def _print_network(outcome: NetworkOutcome) -> None:
    run = outcome.run
    console.print(
        f"Run {run.pk}: {run.vertices:,} persons and entities, {run.edges:,} links, "
        f"{len(set(outcome.communities.component)):,} connected components, "
        f"{run.communities:,} communities; {run.children_with_indicators:,} children with "
        f"an indicator recorded while a child ({run.scheme} {run.rules_version})",
        soft_wrap=True,
    )
    _print_alerts(outcome)
    _print_alert_networks(outcome)
    _print_new_links(outcome)


def _print_alerts(outcome: NetworkOutcome) -> None:
    if not outcome.alerts:
        console.print(f"No alerts: nothing links {outcome.run.min_children} or more "
                      "children with indicators.")  # fmt: skip
        return
    table = Table(title=f"Alerts: linked to {outcome.run.min_children} or more children "
                        "with indicators")  # fmt: skip
    for column in ("Entity", "Kind", "Label", "Children with indicators"):
        table.add_column(column, justify="right" if column.startswith("Children") else "left")
    for alert in outcome.alerts:
        table.add_row(alert.entity_id, alert.entity_kind, alert.label, str(len(alert.children)))
    console.print(table)


def _print_alert_networks(outcome: NetworkOutcome) -> None:
    if not outcome.alert_networks:
        return
    table = Table(title="Alert networks: the alerts with the adults and entities directly "
                        "around them (docs/network.md)")  # fmt: skip
    for column in ("Network", "Alerted", "Members", "Children with indicators"):
        table.add_column(column, justify="right" if column.startswith("Children") else "left")
    for network in outcome.alert_networks:
        members = ", ".join(f"{m.entity_id} ({m.entity_kind})" for m in network.members)
        table.add_row(network.network_id, ", ".join(network.alerted), members or "none",
                      str(len(network.children)))  # fmt: skip
    console.print(table)


def _print_new_links(outcome: NetworkOutcome) -> None:
    if outcome.previous is None:
        console.print("New links to known networks: none yet; this is the first network "
                      "run, so they are reported from the next run on.")  # fmt: skip
        return
    if not outcome.new_links:
        console.print(f"No child newly linked to a network known at run {outcome.previous.pk}.")
        return
    table = Table(title=f"Children newly linked to a network known at run {outcome.previous.pk}")
    for column in ("Child", "Network", "Linked to", "Events"):
        table.add_column(column)
    for link in outcome.new_links:
        events = ", ".join(p.event_id for p in link.provenance)
        table.add_row(link.child_id, link.network_id, ", ".join(link.linked_to), events)
    console.print(table)


def _print_aids(outcome: NetworkOutcome) -> None:
    from joinedup.network import analyst_aids

    nodes = {n for a in outcome.alerts for n in (a.entity_id, *a.children)}
    if not nodes:
        return
    aids = analyst_aids(outcome.graph, nodes)
    console.print(f"[bold]Analyst aids, not scores.[/] {aids.note}", soft_wrap=True)
    table = Table(title="Chart of the alerts and their children")
    for column in ("Item", "Kind", "Label", "Links", "Betweenness"):
        table.add_column(column, justify="right" if column in ("Links", "Betweenness") else "left")
    for p in sorted(aids.positions, key=lambda p: (p.kind, p.node_id)):
        table.add_row(p.node_id, p.kind, p.label, str(p.links), f"{p.betweenness:.1f}")
    console.print(table)
