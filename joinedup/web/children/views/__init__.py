"""Thin views: each opens the record through gate.py, calls a service, renders a page."""
