from django.apps import AppConfig


class FrontDoorConfig(AppConfig):
    name = "joinedup.web.frontdoor"
    label = "frontdoor"
