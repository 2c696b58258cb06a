"""Pages under /cases/ (URL namespace "cases")."""

from django.urls import path

from joinedup.web.cases.views import allocation, case, flags, listing, notes, plans

app_name = "cases"
urlpatterns = [
    path("", listing.case_list, name="list"),
    path("open/", listing.open_a_case, name="open"),
    path("<str:reference>/", case.case_page, name="case"),
    path("<str:reference>/close/", case.close, name="close"),
    path("<str:reference>/reopen/", case.reopen, name="reopen"),
    path("<str:reference>/allocate/", allocation.allocate, name="allocate"),
    path("<str:reference>/allocation/end/", allocation.end, name="allocation-end"),
    path("<str:reference>/flags/set/", flags.flag_set, name="flag-set"),
    path("<str:reference>/flags/<int:flag_id>/remove/", flags.flag_remove, name="flag-remove"),
    path("<str:reference>/plans/add/", plans.plan_add, name="plan-add"),
    path("<str:reference>/plans/<int:plan_id>/", plans.plan_page, name="plan"),
    path(
        "<str:reference>/plans/<int:plan_id>/actions/add/",
        plans.action_add,
        name="plan-action-add",
    ),
    path(
        "<str:reference>/plans/<int:plan_id>/actions/<int:action_id>/done/",
        plans.action_done,
        name="plan-action-done",
    ),
    path("<str:reference>/plans/<int:plan_id>/review/", plans.review, name="plan-review"),
    path("<str:reference>/notes/new/", notes.note, name="note"),
    path("<str:reference>/notes/draft/", notes.autosave, name="note-autosave"),
]
