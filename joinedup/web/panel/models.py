"""The survivors' panel: members under names they choose, their proposals, drafts shared
for comment, and what the inquiry did about each ("you said, we did").

    Inquiry ─┬─ PanelMember ─────────┐   (a survivor_panel account, under a display name)
             ├─ Proposal ─┬─ ProposalComment   (support and comments by other members)
             │            └─ ProposalAnswer    (every answer, latest first: accepted, partly,
             │                                  not taken forward; reason and what was done)
             ├─ Draft ── DraftComment          (general or on a numbered paragraph, with
             │                                  the inquiry's response once the deadline passed)
             └─ Publication                    (a proposal or comment marked for the public
                                                "you said, we did" log, as edited by staff)

A member is never shown to other members, or in anything published, by anything but the
display name staff chose with them; published text carries no name at all (DOMAIN.md I31).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class PanelMember(models.Model):
    inquiry = models.ForeignKey("inquiry.Inquiry", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_memberships"
    )
    display_name = models.CharField(
        max_length=60, help_text='the name other members see, e.g. "Panel member 4"'
    )
    joined_at = models.DateTimeField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    left_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="asked for their contributions to be kept out of publication",
    )
    rejoined_at = models.DateTimeField(
        null=True, blank=True, help_text="brought back onto the panel after leaving it"
    )

    class Meta:
        ordering = ["display_name"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "user"], name="panel_member_once"),
            models.UniqueConstraint(
                fields=["inquiry", "display_name"], name="panel_display_name_once"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_active(self) -> bool:
        return self.left_at is None


class Proposal(models.Model):
    """A line of inquiry or an issue a member asks the inquiry to take up."""

    inquiry = models.ForeignKey("inquiry.Inquiry", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField(max_length=20)  # data/panel.yaml proposal_kinds
    title = models.CharField(max_length=200)
    what = models.TextField()
    why = models.TextField()
    proposed_at = models.DateTimeField()
    status = models.CharField(max_length=20, default="open")  # open, or the latest outcome
    line = models.ForeignKey(
        "inquiry.LineOfInquiry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="panel_proposals",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="the inquiry team member who recorded it for the member",
    )
    given_by = models.CharField(
        max_length=20, blank=True, help_text="data/panel.yaml given_by; blank: the member's own"
    )

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["status", "proposed_at"])]

    def __str__(self) -> str:
        return self.title


class ProposalComment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="comments")
    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="+")
    supports = models.BooleanField(default=False)
    text = models.TextField(blank=True)
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["made_at", "pk"]


class ProposalAnswer(models.Model):
    """The inquiry's answer to a proposal. A later answer (say, partly, then accepted)
    is a new row: the proposal's status is the latest one's outcome."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="answers")
    outcome = models.CharField(max_length=20)  # data/panel.yaml outcomes
    reason = models.TextField()
    done = models.TextField()
    line = models.ForeignKey(
        "inquiry.LineOfInquiry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["-answered_at", "-pk"]


class Draft(models.Model):
    """A draft (terms of reference, a report chapter...) shared with the panel for comment.

    Its text is split into numbered paragraphs at blank lines; a file, if any, is kept
    under its SHA-256 in the data folder (services/files.py)."""

    inquiry = models.ForeignKey("inquiry.Inquiry", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(default=0)
    content_type = models.CharField(max_length=120, blank=True)
    deadline = models.DateField(help_text="the last day for comments")
    shared_at = models.DateTimeField()
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-deadline", "-pk"]

    def __str__(self) -> str:
        return self.title


class DraftComment(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="comments")
    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="+")
    paragraph = models.PositiveIntegerField(null=True, blank=True)  # None: the whole draft
    text = models.TextField()
    made_at = models.DateTimeField()
    changed = models.BooleanField(null=True, blank=True)  # the response: changed or not
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["draft", "paragraph", "made_at", "pk"]


class Publication(models.Model):
    """A proposal's answer or a comment's response, as staff edited it for the public log.

    `said` and `did` never carry a name or display name (services/publication.py checks);
    an item whose member asked for withdrawal is never published."""

    proposal = models.OneToOneField(
        Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="publication"
    )
    comment = models.OneToOneField(
        DraftComment, null=True, blank=True, on_delete=models.PROTECT, related_name="publication"
    )
    said = models.TextField()
    did = models.TextField()
    published = models.BooleanField(default=True)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(proposal__isnull=False, comment__isnull=True))
                | (Q(proposal__isnull=True, comment__isnull=False)),
                name="publication_of_one_item",
            )
        ]


class ReminderSent(models.Model):
    """A reminder sent, so each goes at most once a day per item and person."""

    kind = models.CharField(max_length=20)  # draft_closing, proposal_waiting
    item_id = models.PositiveIntegerField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "item_id", "recipient", "sent_on"], name="panel_reminder_once_a_day"
            )
        ]
