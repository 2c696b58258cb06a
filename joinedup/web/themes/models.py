"""Themes for the inquiry: a versioned codebook, codings of accounts and documents, and the
cached "when could we have known" analysis.

    Code ─┬─ CodeVersion      (every wording a code has had; an edit makes a new one)
          └─ Coding           (a code applied to an anonymised account or a document
                               version: an excerpt or the whole item; removed with a reason,
                               never deleted)
    KnownResult               (could_have_known for one state of the records, cached)

A code is never deleted once used: it is retired, and its codings stay.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from joinedup.web.crypto.fields import EncryptedTextField


class Code(models.Model):
    """One code of an inquiry's codebook, as it reads now (its history: `versions`)."""

    inquiry = models.ForeignKey("inquiry.Inquiry", on_delete=models.PROTECT, related_name="codes")
    key = models.SlugField(max_length=60, help_text='a stable short name, e.g. "not-believed"')
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    label = models.CharField(max_length=120)
    definition = models.TextField()
    include_note = models.TextField(blank=True, help_text="what to code here")
    exclude_note = models.TextField(blank=True, help_text="what not to code here")
    source = models.CharField(max_length=300, blank=True, help_text="where the theme comes from")
    version = models.PositiveIntegerField(default=1)
    codebook_version = models.CharField(
        max_length=40, blank=True, help_text="the codebook file's version it was loaded from"
    )
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    retired_at = models.DateTimeField(null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    retired_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["inquiry", "label"]
        constraints = [models.UniqueConstraint(fields=["inquiry", "key"], name="code_key_once")]

    def __str__(self) -> str:
        return self.label

    @property
    def retired(self) -> bool:
        return self.retired_at is not None


class CodeVersion(models.Model):
    """A code's wording from one edit to the next."""

    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    parent_key = models.CharField(max_length=60, blank=True)
    label = models.CharField(max_length=120)
    definition = models.TextField()
    include_note = models.TextField(blank=True)
    exclude_note = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    change_note = models.TextField(blank=True, help_text="why the code changed")
    made_at = models.DateTimeField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["code", "-number"]
        constraints = [models.UniqueConstraint(fields=["code", "number"], name="code_version_once")]


class Coding(models.Model):
    """A code applied to an anonymised account or a document version: the excerpt from
    `start` to `end` (character offsets into the item's text), or the whole item when
    both are empty."""

    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="codings")
    code_version = models.PositiveIntegerField(help_text="the code's version when applied")
    account = models.ForeignKey(
        "survivors.AnonymisedAccount",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="codings",
    )
    document_version = models.ForeignKey(
        "documents.DocumentVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="codings",
    )
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    memo = EncryptedTextField(blank=True, help_text="the coder's note; encrypted at rest")
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    coded_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["coded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(account__isnull=False, document_version__isnull=True)
                    | models.Q(account__isnull=True, document_version__isnull=False)
                ),
                name="coding_one_item",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(start__isnull=True, end__isnull=True)
                    | models.Q(start__isnull=False, end__isnull=False, end__gt=models.F("start"))
                ),
                name="coding_whole_or_excerpt",
            ),
        ]

    @property
    def whole_item(self) -> bool:
        return self.start is None


class KnownResult(models.Model):
    """`could_have_known` for one state of the records (import batches, linkage runs and
    rule file), so the page is computed once per analysis run. Holds no person ids:
    one row per child and agency with the agency, the year of the child's first
    indicator and the months to the first protective action."""

    key = models.CharField(max_length=200, unique=True)
    computed_at = models.DateTimeField()
    scheme = models.CharField(max_length=60)
    rules_version = models.CharField(max_length=100)
    rows = models.JSONField(default=list, help_text="[agency, child number, year, months|null]")
