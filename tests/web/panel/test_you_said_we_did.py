"""The "you said, we did" log and the public contract: only items staff marked for
publication, as edited, never naming anyone, and never a withdrawn member's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.panel import services
from joinedup.web.panel.models import Draft, Proposal, Publication
from joinedup.web.panel.services.public import YouSaidWeDid, you_said_we_did
from tests.web.panel.conftest import Panel, close_comments

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(panel: Panel, proposal: Proposal) -> Proposal:
    answer = services.Answer(
        "accepted", "Survivors told us.", "It is a line now.", new_line=services.NewLine("Taxis")
    )
    services.answer_proposal(panel.staff, proposal, answer)
    proposal.refresh_from_db()
    return proposal


def test_the_log_lists_answers_and_responses_for_members(
    panel: Panel, answered: Proposal, draft: Draft, client_for: Callable[[Any], Any]
) -> None:
    comment = services.comment_on_draft(panel.members[1], draft, 2, "Shorter, please.")
    close_comments(draft)
    services.respond_to_comment(panel.staff, comment, False, "It has to say all of it.")
    page = client_for(panel.members[2].user).get("/panel/you-said-we-did/").content.decode()
    assert "How taxi drivers were checked" in page and "It is a line now." in page
    assert "Shorter, please." in page and "We did not change the draft" in page
    assert f"/panel/proposals/{answered.pk}/publish/" not in page, "members do not publish"
    items = services.log_items(panel.inquiry)
    assert [i.kind for i in items] == ["proposal", "draft comment"]


def test_nothing_is_public_until_staff_publish_it(panel: Panel, answered: Proposal) -> None:
    assert you_said_we_did() == []
    services.publish(panel.staff, answered, "Check how taxi drivers were vetted.", "A line now.")
    line = answered.line
    assert line is not None
    assert you_said_we_did() == [
        YouSaidWeDid(
            "Check how taxi drivers were vetted.", "A line now.", timezone.localdate(),
            "proposal", line.reference, "Taxis",
        )
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["Panel member 1", "rowan", "ELLIS", "panel member 3"])
def test_published_text_never_names_anyone_on_the_panel(
    panel: Panel, answered: Proposal, name: str
) -> None:
    with pytest.raises(InputError, match="must not name anyone"):
        services.publish(panel.staff, answered, f"As {name} said, check the drivers.", "Done.")
    username = panel.members[1].user.username
    with pytest.raises(InputError, match="must not name anyone"):
        services.publish(panel.staff, answered, "Check the drivers.", f"Thanks {username}.")
    assert not Publication.objects.exists()


def test_an_open_proposal_cannot_be_published(panel: Panel, proposal: Proposal) -> None:
    with pytest.raises(InputError, match="Only an answered proposal"):
        services.publish(panel.staff, proposal, "Said.", "Did.")


def test_withdrawing_takes_a_member_out_of_publication_for_good(
    panel: Panel, answered: Proposal, client_for: Callable[[Any], Any]
) -> None:
    services.publish(panel.staff, answered, "Check the drivers.", "A line now.")
    client_for(panel.members[0].user).post("/panel/leave/", {"publication": "withdraw"})
    assert you_said_we_did() == []
    assert Publication.objects.get().published is False
    with pytest.raises(InputError, match="kept out of publication"):
        services.publish(panel.staff, answered, "Check the drivers.", "A line now.")


def test_the_public_list_skips_a_withdrawn_member_even_if_still_marked(
    panel: Panel, answered: Proposal, draft: Draft
) -> None:
    comment = services.comment_on_draft(panel.members[1], draft, None, "Say who reads it.")
    close_comments(draft)
    services.respond_to_comment(panel.staff, comment, True, "We said who.")
    services.publish(panel.staff, answered, "Check the drivers.", "A line now.")
    services.publish(panel.staff, comment, "Say who reads accounts.", "We said who.")
    panel.members[0].withdrawn_at = timezone.now()
    panel.members[0].save()
    assert [i.kind for i in you_said_we_did()] == ["draft comment"]


def test_staff_publish_and_unpublish_from_the_page(
    panel: Panel, answered: Proposal, client_for: Callable[[Any], Any]
) -> None:
    staff = client_for(panel.staff)
    url = f"/panel/proposals/{answered.pk}/publish/"
    page = staff.post(url, {"said": "Check the drivers.", "did": "A line now."})
    assert page.status_code == 302 and len(you_said_we_did()) == 1
    refused = staff.post(url, {"said": "Panel member 1 said so.", "did": "A line now."})
    assert "must not name anyone" in refused.content.decode()
    assert you_said_we_did()[0].said == "Check the drivers."
    staff.post(url, {"unpublish": "1", "said": "", "did": ""})
    assert you_said_we_did() == []
