"""Thin views: each finds the meeting the user may see, calls a service, renders a page."""
