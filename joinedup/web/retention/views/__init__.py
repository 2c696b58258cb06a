"""Thin views: each checks the capability, calls a service, renders a GOV.UK page."""
