from django.urls import URLPattern, URLResolver

app_name = "inquiry"
urlpatterns: list[URLPattern | URLResolver] = []
