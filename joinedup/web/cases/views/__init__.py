"""Pages under /cases/: thin views that call joinedup/web/cases/services."""
