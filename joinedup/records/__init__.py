"""Canonical multi-agency records: the shapes every agency export is turned into.

This package imports no Django. It reads agency files through a mapping
(`mapping.py`, `readers.py`), validates them (`validate.py`) and returns plain
dataclasses (`canonical.py`) that the system of record stores.
"""
