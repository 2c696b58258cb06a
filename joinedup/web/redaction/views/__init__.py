"""Thin views: each checks the capability, calls a service and renders a GOV.UK page."""
