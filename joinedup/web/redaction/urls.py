from django.urls import URLPattern, URLResolver

app_name = "redaction"
urlpatterns: list[URLPattern | URLResolver] = []
