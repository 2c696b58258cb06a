"""Survivor accounts, taken on survivors' terms (DOMAIN.md I31-I33, the Truth Project).

An account is encrypted at rest and readable only by inquiry staff named to read
accounts; analysis works on its anonymised version, never on the account itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from joinedup.web.crypto.fields import EncryptedTextField


class Account(models.Model):
    ONLINE_FORM = "online_form"
    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"
    WRITTEN = "written"
    CHANNELS = [
        (ONLINE_FORM, "Online form"),
        (IN_PERSON, "In person"),
        (PHONE, "Phone"),
        (VIDEO, "Video call"),
        (WRITTEN, "Letter or e-mail"),
    ]

    inquiry = models.ForeignKey(
        "inquiry.Inquiry", on_delete=models.PROTECT, related_name="accounts"
    )
    reference = models.CharField(max_length=20, unique=True)
    channel = models.CharField(max_length=20, choices=CHANNELS)
    received_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="the inquiry staff member who took it (empty for the online form)",
    )
    text = EncryptedTextField(blank=True, help_text="the account; encrypted at rest")
    recorded_at = models.DateTimeField(null=True, blank=True, help_text="when it was entered here")
    decades = models.JSONField(
        default=list, blank=True, help_text="when it happened: decades such as 1990 (optional)"
    )
    area = EncryptedTextField(blank=True, help_text="where, as an area only (optional)")
    agencies = models.JSONField(
        default=list, blank=True, help_text="kinds of agency they were in contact with (optional)"
    )
    contact_method = models.CharField(
        max_length=10, blank=True, choices=[("email", "E-mail"), ("phone", "Phone")]
    )
    contact_details = EncryptedTextField(
        blank=True, help_text="how to contact them back; erased when they withdraw that choice"
    )
    passphrase_hash = models.CharField(
        max_length=200, blank=True, help_text="Argon2 hash of the passphrase given once (online)"
    )

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.reference


class AnonymisedAccount(models.Model):
    """The version of an account that analysis may use: names, places and anything else
    identifying taken out, checked by a second person. It has its own reference, so a
    coded excerpt cannot be traced back to the account by its number."""

    account = models.OneToOneField(Account, on_delete=models.PROTECT, related_name="anonymised")
    reference = models.CharField(max_length=20, unique=True)
    text = EncryptedTextField(help_text="encrypted at rest")
    period_start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="when what the account describes began"
    )
    period_end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    prepared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return self.reference


class ConsentRecord(models.Model):
    """The survivor's choices at one moment. Never changed: a change is a new record, and
    the latest is what holds (DOMAIN.md I32: research use only with agreement)."""

    FORM = "online_form"
    SURVIVOR_ONLINE = "survivor_online"
    STAFF = "staff"
    SOURCES = [
        (FORM, "Given on the online form"),
        (SURVIVOR_ONLINE, "Changed online by the survivor"),
        (STAFF, "Given to inquiry staff"),
    ]

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="consents")
    research_use = models.BooleanField(default=False)
    quote_anonymously = models.BooleanField(default=False)
    contact_back = models.BooleanField(default=False)
    contact_method = models.CharField(max_length=10, blank=True)
    pass_to_police = models.BooleanField(default=False)
    source = models.CharField(max_length=20, choices=SOURCES)
    how = models.CharField(
        max_length=20, blank=True, help_text="the channel the survivor used (staff records)"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="the staff member who asked (empty when the survivor chose online)",
    )
    asked_at = models.DateTimeField(help_text="when the survivor made these choices")
    recorded_at = models.DateTimeField()
    note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["account", "-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.account.reference} consent {self.recorded_at:%Y-%m-%d}"


class PoliceReferral(models.Model):
    """A referral to police (DOMAIN.md I33): allegations go to police; contact details
    only with consent, unless needed to protect a child (then the reason is required)."""

    NO_DETAILS = "none"
    WITH_CONSENT = "consent"
    PROTECT_CHILD = "protect_child"
    DETAILS_BASES = [
        (NO_DETAILS, "No contact details were passed"),
        (WITH_CONSENT, "Contact details passed with the survivor's consent"),
        (PROTECT_CHILD, "Contact details passed without consent, to protect a child"),
    ]

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="referrals")
    referred_on = models.DateField()
    force = models.CharField(max_length=100)
    what_passed = EncryptedTextField()
    contact_details = models.CharField(max_length=20, choices=DETAILS_BASES)
    reason = EncryptedTextField(blank=True, help_text="why, when passed without consent")
    police_reference = models.CharField(max_length=50, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["account", "-referred_on", "-pk"]
