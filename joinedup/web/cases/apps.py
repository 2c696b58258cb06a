from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "joinedup.web.cases"
    label = "cases"
