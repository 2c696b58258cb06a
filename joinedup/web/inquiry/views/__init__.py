"""The inquiry's pages (thin: each calls a service and renders a template)."""
