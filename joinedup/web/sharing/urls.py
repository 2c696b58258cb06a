"""Pages under /sharing-decisions/ (URL namespace "sharing"); docs/sharing.md."""

from django.urls import path

from joinedup.web.sharing.views import child, decision, record, register

app_name = "sharing"
urlpatterns = [
    path("", register.register, name="register"),
    path("export/", register.export, name="export"),
    path("new/", record.new, name="new"),
    path("new/context/", record.new_context, name="new-context"),
    path("child/<str:person_id>/", child.child, name="child"),
    path("child/<str:person_id>/new/", record.new_child, name="new-child"),
    path("<str:reference>/", decision.decision, name="decision"),
    path("<str:reference>/correct/", record.correct, name="correct"),
    path("<str:reference>/caldicott-advice/", decision.caldicott_advice, name="caldicott-advice"),
]
