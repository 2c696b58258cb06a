from django.urls import URLPattern, URLResolver, path

from joinedup.web.documents import views

app_name = "documents"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("search/", views.search, name="search"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("<int:document_id>/", views.document, name="document"),
    path("<int:document_id>/change/", views.change, name="change"),
    path("<int:document_id>/versions/add/", views.add_version, name="add-version"),
    path("<int:document_id>/versions/<int:number>/file/", views.download, name="download"),
    path("<int:document_id>/tags/", views.tag, name="tag"),
    path("<int:document_id>/tags/<int:tag_id>/remove/", views.untag, name="untag"),
]
