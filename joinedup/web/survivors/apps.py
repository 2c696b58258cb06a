"""Survivor accounts on survivors' terms: the form, accounts, consent, anonymised versions."""

from django.apps import AppConfig


class SurvivorsConfig(AppConfig):
    name = "joinedup.web.survivors"
    label = "survivors"
