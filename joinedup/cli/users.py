"""`joinedup users`: create and list accounts, reset two-factor, unlock, demo codes, API
tokens."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Column, Table

from joinedup import config
from joinedup.errors import InputError
from joinedup.web.access import roles

if TYPE_CHECKING:
    from joinedup.web.accounts.models import User

console = Console(highlight=False)


@click.group()
def users() -> None:
    """Accounts: create, list, reset two-factor sign-in, unlock, and demo codes."""


@users.command("create")
@click.argument("username")
@click.option(
    "--role", type=click.Choice(roles.roles()), required=True, help="What the user may do."
)
@click.option("--agency", "agency_code", help="Code of the agency the user works for.")
@click.option("--team", "team_name", help="Team name (made if new).")
@click.option("--email", default="", help="Where alerts such as break-glass use are sent.")
@click.option("--first-name", default="")
@click.option("--last-name", default="")
@click.option("--generate-password", is_flag=True, help="Make a strong password and print it once.")
def create(
    username: str,
    role: str,
    agency_code: str | None,
    team_name: str | None,
    email: str,
    first_name: str,
    last_name: str,
    generate_password: bool,
) -> None:
    """Create an account; the user sets up two-factor sign-in when they first sign in."""
    _setup()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from joinedup.web.accounts.models import Team, User
    from joinedup.web.audit.services import record_event
    from joinedup.web.records.models import Agency

    if User.objects.filter(username=username).exists():
        raise InputError(f"there is already an account called {username}")
    agency = None
    if agency_code:
        agency = Agency.objects.filter(code=agency_code).first()
        if agency is None:
            raise InputError(f"no agency with code {agency_code}; see `joinedup status`")
    user = User(
        username=username,
        role=role,
        agency=agency,
        email=email,
        first_name=first_name,
        last_name=last_name,
    )
    password = secrets.token_urlsafe(15) if generate_password else _ask_password()
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise InputError("password refused: " + " ".join(error.messages)) from None
    user.set_password(password)
    with transaction.atomic():
        if team_name:
            user.team, _ = Team.objects.get_or_create(name=team_name)
        user.save()
        record_event(None, "user.create", target_type="user", target_id=user.pk, detail=_by())
    console.print(f"Created [bold]{username}[/] ({user.role_label}).")
    if generate_password:
        console.print(f"Password (shown once): [bold]{password}[/]")
    console.print("They set up two-factor sign-in the first time they sign in.")


def _ask_password() -> str:
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@users.command("list")
def list_users() -> None:
    """Every account, its role, agency, team, two-factor and lockout state."""
    _setup()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from joinedup.web.accounts.lockout import locked_usernames
    from joinedup.web.accounts.models import User

    locked = locked_usernames()
    table = Table("username", "name", "role", "agency", "team", "two-factor", "state")
    enrolled = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    for user in User.objects.select_related("agency", "team"):
        state = "locked" if user.username in locked else "active" if user.is_active else "inactive"
        table.add_row(
            user.username,
            user.get_full_name(),
            user.role_label,
            user.agency.code if user.agency else "",
            user.team.name if user.team else "",
            "set up" if user.pk in enrolled else "not yet",
            state + (" (demo)" if user.is_demo else ""),
        )
    console.print(table)


@users.command("reset-2fa")
@click.argument("username")
def reset_2fa(username: str) -> None:
    """Forget a user's authenticator (a lost phone); they set up a new one at next sign-in."""
    _setup()
    from django.db import transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from joinedup.web.audit.services import record_event

    user = _user(username)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        record_event(None, "two_factor.reset", target_type="user", target_id=user.pk, detail=_by())
    console.print(f"{username} will set up two-factor sign-in again when they next sign in.")


@users.command("unlock")
@click.argument("username")
def unlock(username: str) -> None:
    """End the lockout of a username after too many failed sign-in attempts."""
    _setup()
    from django.db import transaction

    from joinedup.web.accounts.lockout import unlock_username
    from joinedup.web.audit.services import record_event

    with transaction.atomic():
        cleared = unlock_username(username)
        record_event(None, "user.unlock", detail={"username": username, **_by()})
    console.print(f"{username} unlocked ({cleared} failed attempt records cleared).")


@users.command("code")
@click.argument("username")
def code(username: str) -> None:
    """Print the current two-factor code of a demo account (demo accounts only)."""
    _setup()
    from joinedup.web.accounts.signing_in import confirmed_device, current_code

    user = _user(username)
    if not user.is_demo:
        raise InputError(
            f"{username} is not a demo account: codes are shown for demo accounts only"
        )
    device = confirmed_device(user)
    if device is None:
        raise InputError(f"{username} has no authenticator; run `joinedup demo` again")
    click.echo(current_code(device))


@users.group("token")
def token() -> None:
    """API tokens: make one for a user (shown once), list them, revoke one (docs/api.md)."""


@token.command("create")
@click.argument("username")
@click.option("--name", required=True, help="What the token is for (unique per user).")
@click.option("--days", type=int, default=30, show_default=True, help="How long it works (1-90).")
def token_create(username: str, name: str, days: int) -> None:
    """Make an API token that acts as USERNAME; the token is printed once."""
    _setup()
    from joinedup.web.api.tokens import create_token

    made = create_token(_user(username), name, days, by=f"{config.current_user()} (joinedup users)")
    until = f"{made.token.expires_at:%d %B %Y %H:%M}"
    console.print(f"Token for {username} ({name}), working until {until}.")
    console.print("Shown once; only its fingerprint is kept:")
    click.echo(made.secret)


@token.command("list")
@click.argument("username", required=False)
def token_list(username: str | None) -> None:
    """Every API token (or USERNAME's): its start, what it is for, its state and last use."""
    _setup()
    from joinedup.web.api.models import ApiToken
    from joinedup.web.api.tokens import SHOWN_CHARACTERS

    tokens = ApiToken.objects.select_related("user")
    if username:
        tokens = tokens.filter(user=_user(username))
    # The prefix is how a token is recognised: never wrapped, however narrow the terminal.
    prefix = Column("starts with", no_wrap=True, min_width=SHOWN_CHARACTERS)
    table = Table("user", prefix, "for", "state", "works until", "last used")
    for found in tokens:
        used = f"{found.last_used_at:%Y-%m-%d %H:%M}" if found.last_used_at else "never"
        table.add_row(found.user.username, found.prefix, found.name, found.state,
                      f"{found.expires_at:%Y-%m-%d %H:%M}", used)  # fmt: skip
    console.print(table)


@token.command("revoke")
@click.argument("username")
@click.option("--name", required=True, help="The token's name (`joinedup users token list`).")
def token_revoke(username: str, name: str) -> None:
    """Stop USERNAME's token called NAME working, from now on."""
    _setup()
    from joinedup.web.api.tokens import revoke_token, tokens_of

    found = tokens_of(_user(username)).filter(name=name, revoked_at__isnull=True).first()
    if found is None:
        raise InputError(f"{username} has no unrevoked token called {name!r}; "
                         "see `joinedup users token list`")  # fmt: skip
    revoke_token(found, by=f"{config.current_user()} (joinedup users)")
    console.print(f"Revoked {found.prefix}… ({name}) of {username}. It no longer works.")


def show_demo_accounts() -> None:
    """Make the demo accounts and print their credentials (called by `joinedup demo`)."""
    from joinedup.web.accounts.demo import create_demo_users, secrets_file

    console.print("[bold]Demo accounts[/], one per role:")
    for account in create_demo_users():
        click.echo(f"  {account.username}  ({account.role})")
        click.echo(f"      password  {account.password}")
        click.echo(f"      secret    {account.secret}")
    console.print(
        "Sign in with a username and password, then the 6-digit code from an authenticator "
        "app given the secret, or from [bold]joinedup users code USERNAME[/]. "
        f"Kept in {secrets_file()} (mode 0600)."
    )


def _setup() -> None:
    from joinedup.web.bootstrap import setup_django

    setup_django()


def _user(username: str) -> User:
    from joinedup.web.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        raise InputError(f"no account called {username}; see `joinedup users list`")
    return user


def _by() -> dict[str, str]:
    return {"by": config.current_user(), "via": "joinedup users"}
