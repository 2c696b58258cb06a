from django.urls import URLPattern, URLResolver

app_name = "released"
urlpatterns: list[URLPattern | URLResolver] = []
