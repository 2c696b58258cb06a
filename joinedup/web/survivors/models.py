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

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return self.reference
