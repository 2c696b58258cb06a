"""Pages under /inquiry/released/ (URL namespace "released"): what core participants read."""

from django.urls import path

from joinedup.web.redaction.views import released

app_name = "released"
urlpatterns = [
    path("", released.index, name="index"),
    path("<int:release_id>/", released.document, name="document"),
    path("<int:release_id>/pdf/", released.pdf, name="pdf"),
]
