"""Retention: the schedule per record type, legal holds, records due for review and destruction."""

from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "joinedup.web.retention"
    label = "retention"

    def ready(self) -> None:
        from joinedup.web.retention.kinds import register_builtin_kinds

        register_builtin_kinds()
