from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "joinedup.web.intelligence"
    label = "intelligence"
