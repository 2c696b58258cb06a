"""The survivors' panel: proposed lines of inquiry, comments on drafts, and 'you said, we did'."""

from django.apps import AppConfig


class PanelConfig(AppConfig):
    name = "joinedup.web.panel"
    label = "panel"
