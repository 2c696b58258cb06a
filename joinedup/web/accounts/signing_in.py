"""Signing in in two steps: password, then a code from an authenticator app.

After the password the user is only *pending*: their id is kept in the session and
nothing else is open to them. The code step (or, for a user without an authenticator
yet, the set-up step) completes the sign-in. Every failure, of either factor, counts
towards the lockout of that username (django-axes); every outcome is audited.
"""

from __future__ import annotations

import time
from base64 import b32encode

import segno
from django.contrib.auth import authenticate, get_user_model, login
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from joinedup.web.accounts import sessions
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event

PENDING_USER = "joinedup.pending_user"
NEXT_URL = "joinedup.next"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def check_password(request: HttpRequest, username: str, password: str) -> User | None:
    """The user if the password is right and the username not locked; audited either way.

    A wrong password is counted by django-axes through Django's failed-login signal.
    """
    user = authenticate(request, username=username, password=password)
    if isinstance(user, User):
        request.session.cycle_key()
        request.session[PENDING_USER] = user.pk
        return user
    _audit_failure(request, username, "password")
    return None


def pending_user(request: HttpRequest) -> User | None:
    """The user who gave the right password in this session and still needs a code."""
    pk = request.session.get(PENDING_USER)
    if pk is None:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def device_to_set_up(user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator, made once and shown until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def check_code(request: HttpRequest, user: User, device: TOTPDevice, code: str) -> bool:
    """Whether the code is right now; a wrong one counts towards the lockout."""
    if device.verify_token(code.strip().replace(" ", "")):
        return True
    user_login_failed.send(
        sender=__name__, credentials={"username": user.username}, request=request
    )
    _audit_failure(request, user.username, "code")
    return False


def is_locked_out(request: HttpRequest) -> bool:
    return bool(getattr(request, "axes_locked_out", False))


def complete(request: HttpRequest, user: User, device: TOTPDevice, *, enrolled: bool) -> str:
    """Sign the user in with both factors; return where they were going."""
    next_url = str(request.session.pop(NEXT_URL, "") or "")
    request.session.pop(PENDING_USER, None)
    with transaction.atomic():
        if enrolled:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            record_event(user, "two_factor.enrolled", target_type="user", target_id=user.pk)
        login(request, user, backend=MODEL_BACKEND)
        otp_login(request, device)
        sessions.start(request)
        record_event(user, "sign_in.success", request=request)
    return next_url


def _audit_failure(request: HttpRequest, username: str, step: str) -> None:
    action = "sign_in.locked" if is_locked_out(request) else "sign_in.failure"
    with transaction.atomic():
        record_event(None, action, detail={"username": username, "step": step}, request=request)


def secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """An inline SVG QR code of the otpauth:// address, with a text alternative."""
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(
        scale=4, title="QR code for your authenticator app", dark="#0b0c0c", light="#ffffff"
    )
    return str(svg).replace("<svg ", '<svg role="img" ', 1)


def current_code(device: TOTPDevice) -> str:
    """The code the user's authenticator shows now (for demo accounts only)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return str(totp.token()).zfill(device.digits)
