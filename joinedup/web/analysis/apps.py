from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "joinedup.web.analysis"
    label = "analysis"
    verbose_name = "Chronologies, screening and networks"
