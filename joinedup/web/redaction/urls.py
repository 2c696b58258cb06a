"""Pages under /inquiry/redaction/ (URL namespace "redaction"); inquiry team only."""

from django.urls import path

from joinedup.web.redaction.views import checks, ciphers, releases, review

app_name = "redaction"
urlpatterns = [
    path("", review.index, name="index"),
    path("versions/<int:version_id>/", review.version, name="version"),
    path("versions/<int:version_id>/suggest/", review.suggest, name="suggest"),
    path("versions/<int:version_id>/accept-person/", review.accept_person, name="accept-person"),
    path("versions/<int:version_id>/add/", review.manual, name="manual"),
    path("versions/<int:version_id>/produce/", releases.produce, name="produce"),
    path("redactions/<int:redaction_id>/", review.redaction, name="redaction"),
    path("redactions/<int:redaction_id>/check/", checks.check, name="check"),
    path("productions/<int:production_id>/", releases.production, name="production"),
    path("productions/<int:production_id>/pdf/", releases.production_pdf, name="production-pdf"),
    path(
        "productions/<int:production_id>/approve/",
        releases.approve_production,
        name="approve",
    ),
    path("releases/<int:release_id>/withdraw/", releases.withdraw_release, name="withdraw"),
    path("ciphers/", ciphers.ciphers, name="ciphers"),
    path("ciphers/add/", ciphers.cipher_add, name="cipher-add"),
]
