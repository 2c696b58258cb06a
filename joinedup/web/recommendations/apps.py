from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "joinedup.web.recommendations"
    label = "recommendations"
