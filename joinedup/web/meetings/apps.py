from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "joinedup.web.meetings"
    label = "meetings"
