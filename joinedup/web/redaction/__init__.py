"""Redaction of inquiry documents: suggestions, review and QC, cipher registry, staged release."""
