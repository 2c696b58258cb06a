"""The public site (/public/): open to everyone, no sign-in. `home:cookies` is /public/cookies/."""

from django.urls import URLPattern, URLResolver, path

from joinedup.web.transparency.views import public

app_name = "public"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", public.home, name="home"),
    path("publications/", public.publications, name="publications"),
    path("publications/<int:pk>/", public.publication, name="publication"),
    path("publications/<int:pk>/<slug:figure>/", public.figure, name="figure"),
    path(
        "publications/<int:pk>/<slug:figure>/<slug:table>.csv", public.figure_csv, name="figure-csv"
    ),  # fmt: skip
    path("annual-report/<int:year>/", public.annual_report, name="annual-report"),
    path("annual-report/<int:year>/pdf/", public.annual_report_pdf, name="annual-report-pdf"),
    path("recommendations/", public.recommendations, name="recommendations"),
    path("documents/", public.documents, name="documents"),
    path("documents/<str:reference>/pdf/", public.document_pdf, name="document-pdf"),
    path("you-said-we-did/", public.you_said_we_did, name="you-said-we-did"),
]
