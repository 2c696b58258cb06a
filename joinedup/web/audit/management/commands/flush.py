"""`flush` that can also empty the audit log.

Django's `flush` (used by the test framework between transactional tests and by
administrators to reset a database) deletes every row. The audit triggers refuse
that, so this lifts them for the flush and puts them back in the same
transaction. Emptying a database is deliberate; the anchors outside the database
still record what the chain held (docs/audit.md).
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from joinedup.web.audit import triggers


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if "audit_auditentry" not in connection.introspection.table_names():
            super().handle(**options)
            return
        with transaction.atomic(using=connection.alias):
            triggers.remove(connection)
            super().handle(**options)
            triggers.install(connection)
