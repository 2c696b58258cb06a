"""Redaction of inquiry documents: suggestions, review and QC, cipher registry, staged release."""

from django.apps import AppConfig


class RedactionConfig(AppConfig):
    name = "joinedup.web.redaction"
    label = "redaction"
