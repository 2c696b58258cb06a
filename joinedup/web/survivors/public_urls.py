from django.urls import URLPattern, URLResolver

app_name = "survivors_public"
urlpatterns: list[URLPattern | URLResolver] = []
