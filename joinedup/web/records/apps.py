from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "joinedup.web.records"
    label = "records"
    verbose_name = "Canonical multi-agency records"
