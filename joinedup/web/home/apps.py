from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "joinedup.web.home"
    label = "home"
