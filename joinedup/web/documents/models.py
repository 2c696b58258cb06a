"""Inquiry documents (ANCHORS.md §3: documents carry metadata, files are immutable).

    StoredFile   one uploaded file, named by the SHA-256 of its bytes, never changed
    Document ─┬─ DocumentVersion   (each version points at one StoredFile and its text)
              │    ├─ ShingleBand  (its MinHash bands, to find near-duplicates)
              │    └─ DuplicatePair (exact or near duplicate of another document's version)
              └─ DocumentTag       (a line of inquiry it bears on; removal kept)

The full-text index is a table of its own made by migration 0004 (services/search.py).

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
    author = models.CharField(
        max_length=200, blank=True, help_text="who the document is from, or its author"
    )
    agency = models.ForeignKey(
        "records.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="the agency it came from",
    )
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


TEXT_SOURCES = [
    ("pdf", "the PDF's text layer"),
    ("pdf_ocr", "the PDF's text layer and OCR"),
    ("ocr", "OCR of the scanned PDF"),
    ("needs_ocr", "scanned: text needs OCR"),
    ("docx", "the Word document"),
    ("eml", "the e-mail"),
    ("msg", "the Outlook e-mail"),
    ("utf-8", "plain text (UTF-8)"),
    ("cp1252", "plain text (Windows-1252)"),
]


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="versions")
    text = models.TextField(blank=True, help_text="the text extracted from the file")
    text_from = models.CharField(
        max_length=20,
        choices=TEXT_SOURCES,
        default="",
        blank=True,
        help_text="where the text came from",
    )
    text_note = models.CharField(max_length=300, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
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

    @property
    def needs_ocr(self) -> bool:
        return self.text_from == "needs_ocr"


class DocumentTag(models.Model):
    """A document tagged to a line of inquiry. Untagging keeps the row (who, when)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="tags")
    line = models.ForeignKey(
        "inquiry.LineOfInquiry", on_delete=models.PROTECT, related_name="document_tags"
    )
    tagged_at = models.DateTimeField()
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["document", "line__reference", "tagged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "line"],
                condition=models.Q(removed_at__isnull=True),
                name="document_tag_once",
            )
        ]


class ShingleBand(models.Model):
    """One band of a version's MinHash signature: versions sharing a band are candidates."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="bands")
    band = models.PositiveSmallIntegerField()
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["band", "key"], name="documents_band_key")]


class DuplicatePair(models.Model):
    """Two versions of different documents: the same file, or nearly the same text."""

    EXACT = "exact"
    NEAR = "near"
    KINDS = [(EXACT, "Same file"), (NEAR, "Nearly the same text")]

    first = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=KINDS)
    similarity = models.FloatField(help_text="Jaccard similarity of the word shingles")
    found_at = models.DateTimeField()

    class Meta:
        ordering = ["-similarity", "first", "second"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_pair_once")
        ]
