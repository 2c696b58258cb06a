"""Telling people things: a Notification row for their dashboard, and an e-mail.

E-mails say as little as possible (no names, no reasons): they tell the recipient
to sign in and read the notification there. They are sent once the transaction that
made the notification commits.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from joinedup.web.accounts.models import Notification, Role, User

__all__ = ["alert_managers_of_break_glass", "managers_to_alert", "notify", "unread_for"]

log = logging.getLogger(__name__)


def notify(
    recipient: User, kind: str, subject: str, body: str, *, person_id: str = "", email: str = ""
) -> Notification:
    """Store a notification and, after commit, e-mail `email` text to the recipient."""
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        subject=subject,
        body=body,
        person_id=person_id,
        created_at=timezone.now(),
    )
    if recipient.email and email:
        address = recipient.email
        transaction.on_commit(lambda: _send(subject, email, address))
    return notification


def _send(subject: str, text: str, address: str) -> None:
    try:
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
    except OSError:
        log.exception("could not e-mail %s; the notification is on their dashboard", address)


def unread_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, read_at__isnull=True)


def managers_to_alert(user: User) -> list[User]:
    """The user's team manager; failing that every team manager; failing that administrators."""
    team = user.team
    if team is not None and team.manager is not None and team.manager != user:
        if team.manager.is_active:
            return [team.manager]
    for role in (Role.TEAM_MANAGER, Role.ADMINISTRATOR):
        found = list(User.objects.filter(role=role, is_active=True).exclude(pk=user.pk))
        if found:
            return found
    return []


def alert_managers_of_break_glass(
    user: User, person_id: str, reason: str, expires_at: datetime
) -> list[User]:
    """Tell the right managers that `user` used break-glass access; return who was told."""
    managers = managers_to_alert(user)
    until = timezone.localtime(expires_at)
    name = user.get_full_name() or user.username
    subject = f"Break-glass access used by {user.username}"
    body = (
        f"{name} ({user.username}) used break-glass access to the record of {person_id} "
        f"until {until:%H:%M on %d %B %Y}. Their reason: {reason}"
    )
    email = (
        f"{user.username} used break-glass access to a child's record in joinedup. "
        "Sign in to joinedup to see which record and the reason they gave, and review it."
    )
    for manager in managers:
        notify(manager, Notification.BREAK_GLASS, subject, body, person_id=person_id, email=email)
    return managers
