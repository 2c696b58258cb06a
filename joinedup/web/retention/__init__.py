"""Retention: the schedule per record type, legal holds, records due for review and destruction."""
