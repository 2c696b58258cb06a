"""Inquiry documents: immutable hash-named files, versions, duplicates, full-text search, tags."""
