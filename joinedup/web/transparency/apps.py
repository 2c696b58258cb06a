"""The public site: figures under disclosure control, annual report, export for other areas."""

from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "joinedup.web.transparency"
    label = "transparency"
