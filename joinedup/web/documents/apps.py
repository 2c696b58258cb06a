"""Inquiry documents: immutable hash-named files, versions, duplicates, full-text search, tags."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "joinedup.web.documents"
    label = "documents"
