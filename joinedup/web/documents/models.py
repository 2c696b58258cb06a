"""Inquiry documents (ANCHORS.md §3: documents carry metadata, files are immutable).

    StoredFile   one uploaded file, named by the SHA-256 of its bytes, never changed
    Document ─── DocumentVersion   (each version points at one StoredFile and its text)

A document arrives unredacted and is kept that way (DOMAIN.md I29); redacted copies are
the redaction app's productions of a version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class StoredFile(models.Model):
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveBigIntegerField()
    media_type = models.CharField(max_length=100)
    original_name = models.CharField(max_length=255)
    stored_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.original_name} ({self.sha256[:12]})"


class Document(models.Model):
    inquiry = models.ForeignKey(
        "inquiry.Inquiry", on_delete=models.PROTECT, related_name="documents"
    )
    reference = models.CharField(max_length=30, unique=True, help_text='e.g. "INQ000123"')
    title = models.CharField(max_length=300)
    request = models.ForeignKey(
        "inquiry.EvidenceRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        help_text="the evidence request this document was returned under",
    )
    dated = models.DateField(null=True, blank=True, help_text="the date the document bears")
    live_investigation = models.BooleanField(
        default=False,
        help_text="a live criminal investigation: no public release (DOMAIN.md I29)",
    )
    live_investigation_note = models.TextField(blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="versions")
    text = models.TextField(blank=True, help_text="the text extracted from the file")
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.document.reference} v{self.number}"
