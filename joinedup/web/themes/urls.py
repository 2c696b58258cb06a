"""Pages under /inquiry/themes/ (URL namespace "themes"); every one needs `inquiry_work`."""

from __future__ import annotations

from django.urls import path

from joinedup.web.themes.views import analysis, codebook, coding

app_name = "themes"
urlpatterns = [
    path("", codebook.index, name="index"),
    path("<int:inquiry_id>/", codebook.codebook, name="codebook"),
    path("<int:inquiry_id>/codebook/load/", codebook.codebook_load, name="codebook-load"),
    path("<int:inquiry_id>/codes/add/", codebook.code_add, name="code-add"),
    path("codes/<int:code_id>/", codebook.code, name="code"),
    path("codes/<int:code_id>/edit/", codebook.code_edit, name="code-edit"),
    path("codes/<int:code_id>/retire/", codebook.code_retire, name="code-retire"),
    path("codes/<int:code_id>/excerpts/", coding.excerpts, name="excerpts"),
    path("<int:inquiry_id>/items/", coding.items, name="items"),
    path("<int:inquiry_id>/accounts/<int:account_id>/", coding.account, name="account"),
    path("<int:inquiry_id>/documents/<int:version_id>/", coding.document, name="document"),
    path("codings/<int:coding_id>/remove/", coding.coding_remove, name="coding-remove"),
    path("<int:inquiry_id>/agreement/", analysis.agreement, name="agreement"),
    path("<int:inquiry_id>/counts/", analysis.counts, name="counts"),
    path("<int:inquiry_id>/counts/download/", analysis.counts_csv, name="counts-csv"),
    path("<int:inquiry_id>/could-have-known/", analysis.known, name="known"),
    path("<int:inquiry_id>/could-have-known/download/", analysis.known_csv, name="known-csv"),
]
