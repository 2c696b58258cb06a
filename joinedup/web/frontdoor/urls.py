"""Pages under /front-door/ (URL namespace "frontdoor")."""

from django.urls import URLPattern

app_name = "frontdoor"
urlpatterns: list[URLPattern] = []
