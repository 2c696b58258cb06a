"""Pages under /retention/ (URL namespace "retention")."""

from django.urls import path

from joinedup.web.retention.views import approvals, due, holds, overview

app_name = "retention"
urlpatterns = [
    path("", overview.index, name="index"),
    path("schedule/", overview.schedule, name="schedule"),
    path("due/", due.due, name="due"),
    path("records/<slug:kind>/<path:key>/", due.record, name="record"),
    path("approvals/", approvals.approvals, name="approvals"),
    path("approvals/<int:decision_id>/", approvals.approval, name="approval"),
    path("holds/", holds.holds, name="holds"),
    path("holds/new/", holds.new_hold, name="hold-new"),
    path("holds/<int:hold_id>/", holds.hold, name="hold"),
    path("holds/<int:hold_id>/lift/", holds.lift, name="hold-lift"),
    path("log/", overview.log, name="log"),
]
