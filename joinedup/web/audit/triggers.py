"""Database triggers that keep the audit log append-only, per database vendor.

Entries can be inserted but never updated or deleted (nor truncated, on
PostgreSQL). The head row can only move forward by one, to an entry that exists,
and cannot be deleted. Both databases raise an integrity error with a message
saying what was refused.

A database superuser (or anyone who can write the SQLite file) can still drop a
trigger: that is why the chain is also anchored outside the database (anchors.py).
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

__all__ = ["install", "remove"]

_SQLITE_INSTALL = [
    """CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: UPDATE of an entry refused'); END""",
    """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE of an entry refused'); END""",
    """CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_audithead
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE of the chain head refused'); END""",
    """CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_audithead
    WHEN NEW.sequence <> OLD.sequence + 1
      OR NEW.hash IS NOT (SELECT hash FROM audit_auditentry WHERE sequence = NEW.sequence)
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: the chain head only moves forward');
    END""",
]

_SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_entry_no_update",
    "DROP TRIGGER IF EXISTS audit_entry_no_delete",
    "DROP TRIGGER IF EXISTS audit_head_no_delete",
    "DROP TRIGGER IF EXISTS audit_head_forward_only",
]

_POSTGRESQL_INSTALL = [
    """CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
    END $$""",
    """CREATE OR REPLACE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.sequence <> OLD.sequence + 1 OR NEW.hash IS DISTINCT FROM
         (SELECT hash FROM audit_auditentry WHERE sequence = NEW.sequence) THEN
        RAISE EXCEPTION 'audit log is append-only: the chain head only moves forward'
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END $$""",
    """CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()""",
    """CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()""",
    """CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_audithead
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()""",
    """CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_audithead
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()""",
    """CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_audithead
    FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only()""",
]

_POSTGRESQL_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_entry_no_change ON audit_auditentry",
    "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry",
    "DROP TRIGGER IF EXISTS audit_head_no_delete ON audit_audithead",
    "DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_audithead",
    "DROP TRIGGER IF EXISTS audit_head_forward_only ON audit_audithead",
    "DROP FUNCTION IF EXISTS audit_head_forward_only()",
    "DROP FUNCTION IF EXISTS audit_refuse_change()",
]

_STATEMENTS = {
    "sqlite": (_SQLITE_INSTALL, _SQLITE_REMOVE),
    "postgresql": (_POSTGRESQL_INSTALL, _POSTGRESQL_REMOVE),
}


def _statements(connection: BaseDatabaseWrapper, index: int) -> list[str]:
    try:
        return _STATEMENTS[connection.vendor][index]
    except KeyError:
        raise NotImplementedError(f"no audit triggers for {connection.vendor}") from None


def install(connection: BaseDatabaseWrapper) -> None:
    """Create the append-only triggers (the migration and `flush` call this)."""
    with connection.cursor() as cursor:
        for sql in _statements(connection, 0):
            cursor.execute(sql)


def remove(connection: BaseDatabaseWrapper) -> None:
    """Drop the triggers (only `flush`, migrating backwards and tamper tests do this)."""
    with connection.cursor() as cursor:
        for sql in _statements(connection, 1):
            cursor.execute(sql)
