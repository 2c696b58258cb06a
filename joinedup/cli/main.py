"""`joinedup`: the command group, and the one place errors become messages.

A JoinedUpError is printed without a traceback and the process exits with 2.
"""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.markup import escape

from joinedup import __version__
from joinedup.errors import JoinedUpError

err_console = Console(stderr=True, highlight=False)


class JoinedUpGroup(click.Group):
    """Lists commands in the order they are used, and turns our errors into messages."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except JoinedUpError as error:
            message = escape(str(error))
            err_console.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
            sys.exit(2)


@click.group(
    cls=JoinedUpGroup,
    context_settings={
        "help_option_names": ["-h", "--help"],
        "max_content_width": 120,
        "terminal_width": 120,
    },
)
@click.version_option(__version__, prog_name="joinedup")
def cli() -> None:
    """joinedup: link every agency's records of the same child, see them together,
    act on them, inquire and publish safely. Synthetic data only in development."""


def _register() -> None:
    from joinedup.cli import (
        analysis,
        audit,
        chronology,
        disclose,
        keys,
        linkage,
        records,
        redact,
        remind,
        serve,
        synth,
        transparency,
        users,
    )

    for command in (
        serve.demo,
        serve.serve,
        synth.synth,
        records.import_command,
        records.status,
        linkage.link,
        linkage.review,
        analysis.screen,
        analysis.network,
        chronology.chronology,
        remind.remind,
        linkage.link_file_command,
        disclose.disclose,
        redact.redact_text,
        transparency.annual_report,
        transparency.export_figures,
        transparency.compare_areas_command,
        audit.audit,
        keys.keys,
        users.users,
        serve.manage,
    ):
        cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="joinedup")
