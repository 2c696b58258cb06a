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
    # The independent inquiry (issue 7): no council role reaches these pages
    path("inquiry/documents/", include("joinedup.web.documents.urls")),
    path("inquiry/redaction/", include("joinedup.web.redaction.urls")),
    path("inquiry/released/", include("joinedup.web.redaction.released_urls")),
    path("inquiry/accounts/", include("joinedup.web.survivors.urls")),
    path("inquiry/themes/", include("joinedup.web.themes.urls")),
    path("inquiry/", include("joinedup.web.inquiry.urls")),
    path("panel/", include("joinedup.web.panel.urls")),
    # Publishing the partnership's figures (signed in; the public site is under /public/)
    path("transparency/", include("joinedup.web.transparency.staff_urls")),
    # Open to everyone, no sign-in (issue 8); the survivors' form first
    path("public/your-experience/", include("joinedup.web.survivors.public_urls")),
    path("public/", include("joinedup.web.transparency.urls")),
    path("admin/", admin_site.urls),
    path("api/v1/", api.urls),
    path("account/", include("joinedup.web.api.urls")),
]
