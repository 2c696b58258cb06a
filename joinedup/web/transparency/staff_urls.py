"""Publishing the figures (/transparency/): signed in, capability `publish_statistics`."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from joinedup.web.transparency.views import staff

app_name = "transparency"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", staff.index, name="index"),
    path("publish/", staff.publish, name="publish"),
]
