"""The survivors' panel's services; views, the demo and other apps import from here.

- membership: the panel's inquiry, members under display names, leaving, withdrawal,
  rejoining
- proposals: proposing (or staff recording one given by phone, letter...), support and
  comments, the inquiry's answers
- drafts: drafts shared for comment, comments, responses (files.py keeps their files)
- log: the "you said, we did" log and marking items for publication
- public: `you_said_we_did()`, the public site's contract
- reminders: `send_reminders(now)` for `joinedup remind`
"""

from joinedup.web.panel.services.drafts import (
    DraftToShare,
    comment_on_draft,
    respond_to_comment,
    share_draft,
)
from joinedup.web.panel.services.log import log_items, publish, unpublish
from joinedup.web.panel.services.membership import (
    add_member,
    end_membership,
    membership_of,
    panel_inquiry,
    rejoin_member,
    withdraw_contributions,
)
from joinedup.web.panel.services.proposals import (
    Answer,
    NewLine,
    ProposalDraft,
    answer_proposal,
    comment_on_proposal,
    make_proposal,
    record_proposal_for_member,
)
from joinedup.web.panel.services.public import YouSaidWeDid, you_said_we_did
from joinedup.web.panel.services.reminders import send_reminders

__all__ = [
    "Answer",
    "DraftToShare",
    "NewLine",
    "ProposalDraft",
    "YouSaidWeDid",
    "add_member",
    "answer_proposal",
    "comment_on_draft",
    "comment_on_proposal",
    "end_membership",
    "log_items",
    "make_proposal",
    "membership_of",
    "panel_inquiry",
    "publish",
    "record_proposal_for_member",
    "rejoin_member",
    "respond_to_comment",
    "send_reminders",
    "share_draft",
    "unpublish",
    "withdraw_contributions",
    "you_said_we_did",
]
