"""Thin views: each checks who may use the page, calls a service, renders a template."""
