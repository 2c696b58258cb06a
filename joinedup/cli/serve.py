"""`joinedup demo`, `joinedup serve` and `joinedup manage`."""

from __future__ import annotations

import os
from datetime import datetime, time
from pathlib import Path

import click

from joinedup import config


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--threads", type=int, default=8, show_default=True)
def serve(host: str, port: int, threads: int) -> None:
    """Serve the web application (waitress) on http://HOST:PORT."""
    from joinedup.web.bootstrap import setup_django

    setup_django()
    _serve(host, port, threads)


def _serve(host: str, port: int, threads: int) -> None:
    import waitress

    from joinedup.web.wsgi import application

    click.echo(f"Serving joinedup at http://{host}:{port}/  (Ctrl+C to stop)")
    proxy = config.get("JOINEDUP_TRUSTED_PROXY")
    behind_proxy = {"trusted_proxy": proxy, "trusted_proxy_headers": "x-forwarded-proto"}
    waitress.serve(
        application,
        host=host,
        port=port,
        threads=threads,
        _quiet=True,
        **(behind_proxy if proxy else {}),
    )


@click.command()
@click.option(
    "--children",
    type=click.IntRange(min=10),
    default=None,
    help="Size of the demo borough [default: JOINEDUP_DEMO_CHILDREN].",
)
@click.option("--seed", type=int, default=2026, show_default=True)
@click.option(
    "--serve/--no-serve",
    "then_serve",
    default=True,
    help="Serve the web application when the borough is ready.",
)
@click.option("--port", type=int, default=8000, show_default=True)
def demo(children: int | None, seed: int, then_serve: bool, port: int) -> None:
    """Build a synthetic borough, import, link, screen and chart it, and serve it on port 8000."""
    from joinedup.cli.progress import step_progress
    from joinedup.cli.users import show_demo_accounts
    from joinedup.synth import generate_borough
    from joinedup.web.bootstrap import setup_django

    size = children or int(config.get("JOINEDUP_DEMO_CHILDREN"))
    out = config.data_dir() / f"demo-borough-{size}-{seed}"
    if not (out / "manifest.json").exists():
        click.echo(f"Synthesising a borough of {size} children into {out}")
        with step_progress() as progress:
            generate_borough(out, children=size, years=(1985, 2025), seed=seed, progress=progress)
    setup_django()
    _import_manifest(out / "manifest.json")
    _link_everyone()
    _screen_everyone()
    _network_everyone()
    _seed_casework(seed)
    _seed_inquiry()
    show_demo_accounts()
    if then_serve:
        _serve("127.0.0.1", port, 8)


def _import_manifest(manifest: Path) -> None:
    from joinedup.cli.records import _import_one, _jobs_from_manifest

    for code, mapping, paths in _jobs_from_manifest(manifest):
        _import_one(code, mapping, paths, skip_invalid=False)


def _link_everyone() -> None:
    from joinedup.cli.linkage import link

    click.get_current_context().invoke(link)  # every option at its default


def _screen_everyone() -> None:
    """Screen as of the borough's last recorded event, so the demo shows its prompts."""
    from joinedup.cli.analysis import screen
    from joinedup.web.analysis.screening import latest_event_date

    latest = latest_event_date()
    as_of = datetime.combine(latest, time()) if latest else None
    click.get_current_context().invoke(screen, as_of=as_of)


def _network_everyone() -> None:
    """Build the network once, so the dashboard shows its alerts."""
    from joinedup.cli.analysis import network

    click.get_current_context().invoke(network)


def _seed_casework(seed: int) -> None:
    """Fill the casework apps once, as the demo accounts (joinedup/web/demo)."""
    from joinedup.web.accounts.demo import create_demo_users
    from joinedup.web.demo import seed_demo_casework

    create_demo_users()
    seeded = seed_demo_casework(seed)
    if seeded is None:
        click.echo("Casework: already seeded; nothing added.")
        return
    click.echo("Casework seeded (audited with the detail seed: demo):")
    for line in seeded.lines():
        click.echo(f"  {line}")


def _seed_inquiry() -> None:
    """The inquiry's workspace and the public site's figures, once (joinedup/web/demo)."""
    from joinedup.web.demo import seed_demo_inquiry

    lines = seed_demo_inquiry()
    if lines is None:
        click.echo("Inquiry: already seeded; nothing added.")
        return
    click.echo("Inquiry and public site seeded (audited with the detail seed: demo):")
    for line in lines:
        click.echo(f"  {line}")


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (migrate, check, createsuperuser, ...)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["joinedup manage", *args])
