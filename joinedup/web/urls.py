from django.urls import include, path

from joinedup.web.access.admin import admin_site
from joinedup.web.api.api import api

urlpatterns = [
    path("", include("joinedup.web.home.urls")),
    path("", include("joinedup.web.accounts.urls")),
    path("", include("joinedup.web.access.urls")),
    path("", include("joinedup.web.children.urls")),
    path("audit/", include("joinedup.web.audit.urls")),
    path("review/", include("joinedup.web.reviews.urls")),
    path("admin/", admin_site.urls),
    path("api/v1/", api.urls),
    path("account/", include("joinedup.web.api.urls")),
]
