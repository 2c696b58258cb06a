from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "joinedup.web.children"
    label = "children"
    verbose_name = "Search and the child's page"
