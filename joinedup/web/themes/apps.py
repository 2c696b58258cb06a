"""Themes for the inquiry: codebook, coding, counts by theme and period, could-have-known."""

from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "joinedup.web.themes"
    label = "themes"
