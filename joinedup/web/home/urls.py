from django.urls import path

from joinedup.web.home import views

app_name = "home"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("records/", views.records, name="records"),
    path(
        "notifications/<int:notification_id>/read/",
        views.notification_read,
        name="notification-read",
    ),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("public/cookies/", views.cookies, name="cookies"),
    path("health/", views.health, name="health"),
]
