"""Pages under /intelligence/ (URL namespace "intelligence")."""

from django.urls import path

from joinedup.web.intelligence.views import item, log, subjects

app_name = "intelligence"
urlpatterns = [
    path("", log.log, name="log"),
    path("new/", log.new, name="new"),
    path("oversight/", log.oversight, name="oversight"),
    path("import/", log.import_reports, name="import"),
    path("<str:reference>/", item.item, name="item"),
    path("<str:reference>/assign/", item.assign, name="assign"),
    path("<str:reference>/start-review/", item.start_review, name="start-review"),
    path("<str:reference>/respond/", item.respond, name="respond"),
    path("<str:reference>/reopen/", item.reopen, name="reopen"),
    path("<str:reference>/subjects/person/", subjects.add_person, name="add-person"),
    path("<str:reference>/subjects/place/", subjects.add_place, name="add-place"),
]
