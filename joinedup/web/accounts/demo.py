"""One demo account per role for `joinedup demo`, with generated secrets.

Passwords and authenticator keys are generated at first run, never kept in the
repository, and stored in the data folder (demo_accounts.json, mode 0600) so that a
second run prints the same ones. The demo team gets the highest-scoring children of
the screening run allocated, so the practitioner and manager have something to open.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from joinedup.web.access.models import Allocation
from joinedup.web.accounts.models import Role, Team, User
from joinedup.web.accounts.signing_in import secret_text
from joinedup.web.people.models import Person
from joinedup.web.records.models import Agency

__all__ = ["DemoAccount", "create_demo_users"]

# username, role, first name, last name, kind of agency the user works for
DEMO_USERS: tuple[tuple[str, Role, str, str, str], ...] = (
    ("demo.practitioner", Role.SPECIALIST_PRACTITIONER, "Sam", "Okafor", "childrens_social_care"),
    ("demo.manager", Role.TEAM_MANAGER, "Morgan", "Reid", "childrens_social_care"),
    ("demo.police", Role.POLICE_ANALYST, "Priya", "Shah", "police"),
    ("demo.health", Role.HEALTH_SAFEGUARDING_LEAD, "Hannah", "Lewis", "health"),
    ("demo.school", Role.SCHOOL_SAFEGUARDING_LEAD, "Sean", "Doyle", "education"),
    ("demo.inquiry", Role.INQUIRY_TEAM, "Imogen", "Hart", ""),
    ("demo.auditor", Role.AUDITOR, "Ade", "Bello", ""),
    ("demo.admin", Role.ADMINISTRATOR, "Alex", "Kerr", ""),
    ("demo.participant", Role.CORE_PARTICIPANT, "Kit", "Marlow", ""),
    ("demo.panel", Role.SURVIVOR_PANEL, "Rowan", "Ellis", ""),
)
DEMO_TEAM = "Child exploitation team (demo)"
TEAM_CHILDREN, OWN_CHILDREN = 12, 6


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    role: str
    password: str
    secret: str


def secrets_file() -> Path:
    return Path(settings.DATA_DIR) / "demo_accounts.json"


def _load_or_make_secrets() -> dict[str, dict[str, str]]:
    path = secrets_file()
    stored: dict[str, dict[str, str]] = json.loads(path.read_text()) if path.exists() else {}
    for username, *_ in DEMO_USERS:
        stored.setdefault(
            username, {"password": secrets.token_urlsafe(15), "totp_key": random_hex(20)}
        )
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(json.dumps(stored, indent=2))
    return stored


def create_demo_users() -> list[DemoAccount]:
    """Make (or bring back) the demo accounts; return what to print for each."""
    stored = _load_or_make_secrets()
    with transaction.atomic():
        team, _ = Team.objects.get_or_create(name=DEMO_TEAM)
        rows = [_demo_user(spec, stored[spec[0]], team) for spec in DEMO_USERS]
        _allocate_demo_children(team)
    return rows


def _demo_user(
    spec: tuple[str, Role, str, str, str], secret: dict[str, str], team: Team
) -> DemoAccount:
    username, role, first, last, agency_kind = spec
    user, created = User.objects.get_or_create(username=username, defaults={"role": role})
    user.role, user.first_name, user.last_name, user.is_demo = role, first, last, True
    user.email = f"{username}@example.org"
    user.agency = Agency.objects.filter(kind=agency_kind).order_by("code").first()
    user.team = team if role in (Role.SPECIALIST_PRACTITIONER, Role.TEAM_MANAGER) else None
    if created or not user.check_password(secret["password"]):
        user.set_password(secret["password"])
    user.save()
    if role == Role.TEAM_MANAGER:
        team.manager = user
        team.save(update_fields=["manager"])
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or device.key != secret["totp_key"]:
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(
            user=user, name="Demo authenticator", key=secret["totp_key"], confirmed=True
        )
    return DemoAccount(username, role.label, secret["password"], secret_text(device))


def _allocate_demo_children(team: Team) -> None:
    """Allocate children to the demo team and practitioner, once."""
    if Allocation.objects.filter(team=team).exists():
        return
    practitioner = User.objects.get(username="demo.practitioner")
    manager = User.objects.get(username="demo.manager")
    children = (
        Person.objects.filter(active=True, age_group="child")
        .order_by(F("screenings__score").desc(nulls_last=True), "person_id")
        .values_list("pk", flat=True)
    )
    chosen = list(dict.fromkeys(children[: (TEAM_CHILDREN + OWN_CHILDREN) * 3]))
    start = timezone.localdate() - timedelta(days=90)
    allocations = [
        Allocation(
            person_id=pk,
            team=team if i < TEAM_CHILDREN else None,
            user=None if i < TEAM_CHILDREN else practitioner,
            allocated_from=start,
            allocated_by=manager,
        )
        for i, pk in enumerate(chosen[: TEAM_CHILDREN + OWN_CHILDREN])
    ]
    Allocation.objects.bulk_create(allocations)
