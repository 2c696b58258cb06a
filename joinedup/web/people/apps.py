from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "joinedup.web.people"
    label = "people"
    verbose_name = "Person index"
