"""The hash-chained audit log: every read and write of personal data (docs/audit.md)."""
