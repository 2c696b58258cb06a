"""Pages under /panel/ (URL namespace "panel"): the survivors' panel."""

from django.urls import path

from joinedup.web.panel.views import drafts, log, members, proposals

app_name = "panel"
# fmt: off
urlpatterns = [
    path("", members.index, name="index"),
    path("members/", members.members, name="members"),
    path("members/add/", members.member_add, name="member-add"),
    path("members/<int:member_id>/end/", members.member_end, name="member-end"),
    path("members/<int:member_id>/rejoin/", members.member_rejoin, name="member-rejoin"),
    path("leave/", members.leave, name="leave"),
    path("proposals/", proposals.proposals, name="proposals"),
    path("proposals/new/", proposals.proposal_add, name="proposal-add"),
    path("proposals/record/", proposals.proposal_record, name="proposal-record"),
    path("proposals/<int:proposal_id>/", proposals.proposal, name="proposal"),
    path(
        "proposals/<int:proposal_id>/comment/", proposals.proposal_comment, name="proposal-comment"
    ),
    path("proposals/<int:proposal_id>/answer/", proposals.proposal_answer, name="proposal-answer"),
    path("proposals/<int:proposal_id>/publish/", log.proposal_publish, name="proposal-publish"),
    path("drafts/", drafts.drafts, name="drafts"),
    path("drafts/new/", drafts.draft_add, name="draft-add"),
    path("drafts/<int:draft_id>/", drafts.draft, name="draft"),
    path("drafts/<int:draft_id>/file/", drafts.draft_file, name="draft-file"),
    path("drafts/<int:draft_id>/comment/", drafts.draft_comment, name="draft-comment"),
    path("comments/<int:comment_id>/respond/", drafts.comment_respond, name="comment-respond"),
    path("comments/<int:comment_id>/publish/", log.comment_publish, name="comment-publish"),
    path("you-said-we-did/", log.log, name="log"),
]
# fmt: on
