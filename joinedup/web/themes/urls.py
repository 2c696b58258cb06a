from django.urls import URLPattern, URLResolver

app_name = "themes"
urlpatterns: list[URLPattern | URLResolver] = []
