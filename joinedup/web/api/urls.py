"""The account page for API tokens, under /account/ (URL namespace "api-tokens")."""

from django.urls import path

from joinedup.web.api import views

app_name = "api-tokens"
urlpatterns = [
    path("api-tokens/", views.tokens, name="list"),
    path("api-tokens/<int:token_id>/revoke/", views.revoke, name="revoke"),
]
