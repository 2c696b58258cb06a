from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "joinedup.web.retention"
    label = "retention"
