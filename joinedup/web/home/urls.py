from django.urls import path

from joinedup.web.home import views

app_name = "home"
urlpatterns = [
    path("", views.overview, name="overview"),
]
