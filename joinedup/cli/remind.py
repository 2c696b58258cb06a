"""`joinedup remind`: send every casework reminder and escalation that is due (for cron)."""

from __future__ import annotations

from datetime import datetime

import click
from rich.console import Console
from rich.table import Table

from joinedup import config

console = Console(highlight=False, soft_wrap=True)


@click.command("remind")
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d"]),
    help="Act as if it were this time (for a check or a test) [default: now].",
)
def remind(as_of: datetime | None) -> None:
    """Send the reminders and escalations that are due (front door, cases, MACE,
    intelligence, recommendations, retention); safe to run every few minutes."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    from django.utils import timezone

    from joinedup.web.audit.services import CommandLineActor
    from joinedup.web.home.services.reminders import send_all_reminders

    now = timezone.make_aware(as_of) if as_of else timezone.now()
    outcome = send_all_reminders(CommandLineActor(config.current_user()), now)
    table = Table("What", "Notifications sent", title=f"Reminders as of {now:%d %B %Y %H:%M}")
    for what, count in outcome.sent.items():
        table.add_row(what, str(count))
    console.print(table)
    console.print(f"Imported intelligence reports logged for triage: {outcome.reports_logged}")
