from django.urls import URLPattern, URLResolver

app_name = "survivors"
urlpatterns: list[URLPattern | URLResolver] = []
