from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "joinedup.web.access"
    label = "access"
    verbose_name = "Roles, sharing agreements, allocation and break-glass"
