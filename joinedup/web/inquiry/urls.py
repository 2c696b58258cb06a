"""Pages under /inquiry/ (URL namespace "inquiry"); every page needs `inquiry_work`."""

from django.urls import URLPattern, URLResolver, path

from joinedup.web.inquiry.views import compliance, home, lines, participants, requests, staff

app_name = "inquiry"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", home.index, name="index"),
    path("details/", home.details, name="details"),
    path("terms/", home.terms, name="terms"),
    path("lines/", lines.lines, name="lines"),
    path("lines/add/", lines.line_add, name="line-add"),
    path("lines/<int:line_id>/", lines.line_edit, name="line-edit"),
    path("lines/<int:line_id>/retire/", lines.line_retire, name="line-retire"),
    path("core-participants/", participants.participants, name="participants"),
    path("core-participants/add/", participants.participant_add, name="participant-add"),
    path(
        "core-participants/<int:participant_id>/",
        participants.participant_edit,
        name="participant-edit",
    ),
    path("staff/", staff.staff, name="staff"),
    path("staff/add/", staff.staff_add, name="staff-add"),
    path("staff/<int:post_id>/", staff.staff_edit, name="staff-edit"),
    path("staff/<int:post_id>/remove/", staff.staff_remove, name="staff-remove"),
    path("requests/", requests.register, name="requests"),
    path("requests/add/", requests.request_add, name="request-add"),
    path("requests/<int:request_id>/", requests.request_detail, name="request"),
    path("requests/<int:request_id>/change/", requests.request_edit, name="request-edit"),
    path("requests/<int:request_id>/status/", requests.request_status, name="request-status"),
    path("requests/<int:request_id>/extend/", requests.request_extend, name="request-extend"),
    path("requests/<int:request_id>/note/", requests.request_note, name="request-note"),
    path("requests/<int:request_id>/letter/", requests.letter, name="letter"),
    path("requests/<int:request_id>/letter.pdf", requests.letter_download, name="letter-pdf"),
    path("compliance/", compliance.compliance_view, name="compliance"),
    path("compliance/download/", compliance.compliance_download, name="compliance-csv"),
]
