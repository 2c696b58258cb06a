"""Canonical multi-agency records: the shapes every agency export is turned into.

This package imports no Django. It reads agency files through a mapping
(`mapping.py`, `readers.py`), validates every field as it converts it
(`fields.py`, `rows.py`, `collect.py`) and returns plain
dataclasses (`canonical.py`) that the system of record stores.
"""
