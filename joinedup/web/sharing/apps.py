from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "joinedup.web.sharing"
    label = "sharing"
