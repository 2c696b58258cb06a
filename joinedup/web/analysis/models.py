"""Screening results (prompts for a practitioner) and the grade a practitioner agreed.

A screening result is never a decision: it lists the indicators found, the events
behind each, the score and the grade the rules suggest. The agreed grade is a
practitioner's judgement, recorded with a rationale and a review date (three months
on by default, DOMAIN.md §C.11), and a newer agreement supersedes, never deletes,
the older one.
"""

from __future__ import annotations

from django.db import models

from joinedup.web.people.models import Person


class ScreeningRun(models.Model):
    """One run of `joinedup screen`: which rule file, at what date, by whom, when."""

    started_at = models.DateTimeField()
    run_by = models.CharField(max_length=150)
    scheme = models.CharField(max_length=60)
    rules_version = models.CharField(max_length=100)
    rules_file = models.CharField(max_length=255, blank=True, help_text="the rule file's name")
    rules_digest = models.CharField(
        max_length=12, blank=True, help_text="SHA-256 (first 12 hex digits) of the rule file"
    )
    as_of = models.DateField(help_text="the date the children were screened at")
    children = models.PositiveIntegerField(default=0)
    incremental = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_at", "-id"]


class ScreeningResult(models.Model):
    """The latest screening of one child under one scheme (replaced by re-screening)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="screenings")
    run = models.ForeignKey(ScreeningRun, on_delete=models.PROTECT, related_name="results")
    scheme = models.CharField(max_length=60)
    rules_version = models.CharField(max_length=100)
    score = models.PositiveIntegerField()
    suggested_grade = models.CharField(max_length=40)
    indicators = models.JSONField(default=list, help_text="rule, label, points, evidence events")
    screened_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "scheme"], name="screening_one_per_scheme")
        ]


class AgreedGrade(models.Model):
    """A practitioner's judgement of a child's level of risk, with their reasons."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="agreed_grades")
    scheme = models.CharField(max_length=60)
    grade = models.CharField(max_length=40)
    rationale = models.TextField()
    suggested_grade = models.CharField(
        max_length=40, blank=True, help_text="what screening suggested when this was agreed"
    )
    suggested_score = models.PositiveIntegerField(null=True, blank=True)
    rules_version = models.CharField(max_length=100, blank=True)
    recorded_by = models.CharField(max_length=150)
    recorded_at = models.DateTimeField()
    review_due = models.DateField()
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-recorded_at", "-id"]


class NetworkRun(models.Model):
    """One run of `joinedup network`: the alerts raised and the networks now known.

    The next run compares the graph against this one: a child linked to a member of one
    of `networks` who was not linked to it before is a new link (DOMAIN.md E16). Degree
    and betweenness are never stored here: they are aids for reading a chart, not
    facts about a person.
    """

    started_at = models.DateTimeField()
    run_by = models.CharField(max_length=150)
    min_children = models.PositiveIntegerField()
    scheme = models.CharField(max_length=60, help_text="the rule file that found the indicators")
    rules_version = models.CharField(max_length=100)
    children_with_indicators = models.PositiveIntegerField(
        default=0, help_text="children with an indicator recorded while they were a child"
    )
    last_import_batch = models.PositiveIntegerField(
        null=True, blank=True, help_text="the newest import batch the graph includes"
    )
    vertices = models.PositiveIntegerField(default=0)
    edges = models.PositiveIntegerField(default=0)
    communities = models.PositiveIntegerField(default=0)
    alerts = models.JSONField(default=list, help_text="entity kind, id, label, children")
    networks = models.JSONField(default=dict, help_text="network id -> member ids")
    new_links = models.JSONField(default=list, help_text="child, network, linked to, events")

    class Meta:
        ordering = ["-started_at", "-id"]
