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
    path("front-door/", include("joinedup.web.frontdoor.urls")),
    path("cases/", include("joinedup.web.cases.urls")),
    path("meetings/", include("joinedup.web.meetings.urls")),
    path("intelligence/", include("joinedup.web.intelligence.urls")),
    path("sharing-decisions/", include("joinedup.web.sharing.urls")),
    path("recommendations/", include("joinedup.web.recommendations.urls")),
    path("retention/", include("joinedup.web.retention.urls")),
    path("admin/", admin_site.urls),
    path("api/v1/", api.urls),
    path("account/", include("joinedup.web.api.urls")),
]
