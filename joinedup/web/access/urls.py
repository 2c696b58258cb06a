from django.urls import path

from joinedup.web.access import views

app_name = "access"
urlpatterns = [
    path("people/<str:person_id>/purpose/", views.purpose, name="purpose"),
    path("people/<str:person_id>/break-glass/", views.break_glass, name="break-glass"),
]
