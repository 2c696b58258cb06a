"""Pages under /recommendations/ (URL namespace "recommendations")."""

from django.urls import path

from joinedup.web.recommendations.views import actions, report, sources

app_name = "recommendations"
urlpatterns = [
    path("", sources.index, name="index"),
    path("sources/add/", sources.source_add, name="source-add"),
    path("sources/<int:source_id>/", sources.source, name="source"),
    path("sources/<int:source_id>/add/", sources.recommendation_add, name="recommendation-add"),
    path("sources/<int:source_id>/import/", sources.import_file, name="import"),
    path("<int:recommendation_id>/", sources.recommendation, name="recommendation"),
    path("<int:recommendation_id>/add-action/", sources.action_add, name="action-add"),
    path("actions/<int:action_id>/", actions.action, name="action"),
    path("actions/<int:action_id>/owner/", actions.owner_change, name="owner"),
    path("actions/<int:action_id>/progress/", actions.progress, name="progress"),
    path("actions/<int:action_id>/evidence/", actions.evidence_add, name="evidence-add"),
    path("actions/<int:action_id>/sign-off/", actions.sign_off, name="sign-off"),
    path("evidence/<int:evidence_id>/", actions.evidence_file, name="evidence-file"),
    path("sign-off/", actions.sign_off_queue, name="sign-off-queue"),
    path("mine/", actions.mine, name="mine"),
    path("report/", report.report, name="report"),
    path("report/download/", report.report_download, name="report-csv"),
]
