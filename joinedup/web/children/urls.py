"""Search and the child's record, under /people/ (URL namespace "people")."""

from django.urls import path

from joinedup.web.children.views import chronology, grade, record, search

app_name = "people"
urlpatterns = [
    path("people/search/", search.search, name="search"),
    path("people/<str:person_id>/", record.identity, name="person"),
    path("people/<str:person_id>/chronology/", chronology.chronology, name="chronology"),
    path(
        "people/<str:person_id>/chronology/download/",
        chronology.download,
        name="chronology-download",
    ),
    path("people/<str:person_id>/screening/", record.screening, name="screening"),
    path("people/<str:person_id>/grade/", grade.record_grade, name="grade"),
    path("people/<str:person_id>/network/", record.network, name="network"),
    path("people/<str:person_id>/contexts/", record.contexts, name="contexts"),
]
