"""The person index: resolved persons, the links from source records to them, the
review queue of uncertain pairs and the decisions reviewers made.

Links are never merged silently: every PersonLink says which run or which person
decided it, with what probability and model version; every review decision is a
must-link or cannot-link constraint that every later run obeys.
"""

from __future__ import annotations

from django.db import models

from joinedup.web.records.models import SourcePerson


class LinkageRun(models.Model):
    """One run of `joinedup link` (or one real-time update batch)."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    run_by = models.CharField(max_length=150)
    kind = models.CharField(
        max_length=10, choices=[("full", "Full re-run"), ("realtime", "Real-time update")]
    )
    engine = models.CharField(max_length=10, default="duckdb")
    model_version = models.CharField(max_length=64)
    model_path = models.CharField(
        max_length=500, blank=True, help_text="the model file used; empty: the shipped model"
    )
    threshold = models.FloatField()
    review_band = models.JSONField(default=list, help_text="[low, high] probabilities reviewed")
    records = models.PositiveIntegerField(default=0)
    pairs_scored = models.PositiveIntegerField(default=0)
    persons = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, help_text="kept, new, merged, split, unlinkable")

    class Meta:
        ordering = ["-started_at", "-id"]


class Person(models.Model):
    """A resolved person: a child or an adult, known to one or more agencies."""

    person_id = models.CharField(max_length=20, unique=True)
    age_group = models.CharField(max_length=10, default="not_known")
    active = models.BooleanField(default=True, help_text="false once merged into another")
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_in = models.ForeignKey(LinkageRun, on_delete=models.PROTECT, related_name="+")
    updated_in = models.ForeignKey(LinkageRun, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["person_id"]

    def __str__(self) -> str:
        return self.person_id


class PersonLink(models.Model):
    """Which person a source record belongs to, how sure we are and who decided."""

    source_person = models.OneToOneField(
        SourcePerson, on_delete=models.CASCADE, related_name="link"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="links")
    match_probability = models.FloatField(
        null=True,
        blank=True,
        help_text="best probability to another record of the person; "
        "empty for a person known from one record only",
    )
    model_version = models.CharField(max_length=64)
    decided_by = models.CharField(max_length=160, help_text="'model', or 'review: <user>'")
    run = models.ForeignKey(LinkageRun, on_delete=models.PROTECT, related_name="links")

    class Meta:
        indexes = [models.Index(fields=["person"])]


class LinkDecision(models.Model):
    """A reviewer's decision about a pair: a constraint every later run obeys."""

    MUST_LINK = "must_link"
    CANNOT_LINK = "cannot_link"
    record_a = models.ForeignKey(SourcePerson, on_delete=models.CASCADE, related_name="+")
    record_b = models.ForeignKey(SourcePerson, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(
        max_length=12, choices=[(MUST_LINK, "Same person"), (CANNOT_LINK, "Different people")]
    )
    reason = models.TextField()
    decided_by = models.CharField(max_length=150)
    decided_at = models.DateTimeField()
    match_probability = models.FloatField(null=True, blank=True)
    explanation = models.JSONField(default=list, help_text="field-by-field weights shown")
    superseded = models.BooleanField(default=False)

    class Meta:
        ordering = ["-decided_at"]


class ReviewPair(models.Model):
    """A pair in the uncertain band, waiting for a person to decide."""

    OPEN, CONFIRMED, REJECTED = "open", "confirmed", "rejected"
    record_a = models.ForeignKey(SourcePerson, on_delete=models.CASCADE, related_name="+")
    record_b = models.ForeignKey(SourcePerson, on_delete=models.CASCADE, related_name="+")
    match_probability = models.FloatField()
    match_weight = models.FloatField()
    explanation = models.JSONField(default=list)
    status = models.CharField(
        max_length=10,
        default=OPEN,
        choices=[(OPEN, "Open"), (CONFIRMED, "Same person"), (REJECTED, "Different people")],
    )
    run = models.ForeignKey(LinkageRun, on_delete=models.PROTECT, related_name="review_pairs")
    decision = models.ForeignKey(LinkDecision, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-match_probability"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_a", "record_b", "run"], name="review_pair_unique"
            )
        ]


class EntityDecision(models.Model):
    """A reviewer's decision that two place, vehicle, phone or organisation records are
    (must-link) or are not (cannot-link) one entity: every later resolution obeys it."""

    MUST_LINK = "must_link"
    CANNOT_LINK = "cannot_link"
    kind = models.CharField(max_length=12)
    record_a = models.CharField(max_length=160, help_text="AGENCY:source_id")
    record_b = models.CharField(max_length=160)
    decision = models.CharField(
        max_length=12, choices=[(MUST_LINK, "Same entity"), (CANNOT_LINK, "Different entities")]
    )
    reason = models.TextField()
    decided_by = models.CharField(max_length=150)
    decided_at = models.DateTimeField()
    match_probability = models.FloatField(null=True, blank=True)
    explanation = models.JSONField(default=list, help_text="field-by-field weights shown")
    superseded = models.BooleanField(default=False)

    class Meta:
        ordering = ["-decided_at", "-id"]


class EntityReviewPair(models.Model):
    """Two place, vehicle, phone or organisation records that may be one entity."""

    OPEN, CONFIRMED, REJECTED = "open", "confirmed", "rejected"
    kind = models.CharField(max_length=12)
    record_a = models.CharField(max_length=160, help_text="AGENCY:source_id")
    record_b = models.CharField(max_length=160)
    match_probability = models.FloatField()
    summary = models.CharField(max_length=300, blank=True)
    explanation = models.JSONField(default=list)
    run = models.ForeignKey(LinkageRun, on_delete=models.PROTECT, related_name="entity_reviews")
    status = models.CharField(
        max_length=10,
        default=OPEN,
        choices=[(OPEN, "Open"), (CONFIRMED, "Same entity"), (REJECTED, "Different entities")],
    )
    decision = models.ForeignKey(
        EntityDecision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kind", "-match_probability", "id"]
