"""The public contract: what the public site shows of the panel's "you said, we did" log.

`you_said_we_did()` lists only the items staff marked for publication, whose member has
not asked for withdrawal, newest decision first. Each holds the member's point as staff
edited it for publication and what the inquiry did: never a name or a display name
(services/log.py refuses them when an item is marked).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from joinedup.web.panel.models import Publication

__all__ = ["YouSaidWeDid", "you_said_we_did"]


@dataclass(frozen=True, slots=True)
class YouSaidWeDid:
    said: str  # the member's point, as edited for publication by staff
    did: str  # what the inquiry did
    decided_on: date  # the day of the answer or response
    kind: str  # "proposal" or "draft comment"
    reference: str = ""  # the line of inquiry's reference ("L3"), if any
    reference_title: str = ""  # the line of inquiry's title, if any


def you_said_we_did() -> list[YouSaidWeDid]:
    found = (
        Publication.objects.filter(published=True)
        .exclude(Q(proposal__member__withdrawn_at__isnull=False))
        .exclude(Q(comment__member__withdrawn_at__isnull=False))
        .select_related("proposal__line", "comment")
        .prefetch_related("proposal__answers")
    )
    items = [_item(p) for p in found]
    return sorted(items, key=lambda i: (i.decided_on, i.kind), reverse=True)


def _item(publication: Publication) -> YouSaidWeDid:
    proposal, comment = publication.proposal, publication.comment
    if proposal is not None:
        answered = proposal.answers.all()[0].answered_at
        line = proposal.line
        return YouSaidWeDid(
            publication.said, publication.did, timezone.localdate(answered), "proposal",
            line.reference if line else "", line.title if line else "",
        )  # fmt: skip
    assert comment is not None and comment.responded_at is not None
    decided = timezone.localdate(comment.responded_at)
    return YouSaidWeDid(publication.said, publication.did, decided, "draft comment")
