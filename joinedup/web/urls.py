from django.urls import include, path

urlpatterns = [
    path("", include("joinedup.web.home.urls")),
]
