"""Thin views: each reads the user's sharing agreement, calls a service, renders a page."""
