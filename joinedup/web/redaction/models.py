"""Redaction of inquiry documents: suggestions, review and QC, cipher registry, staged release."""

from __future__ import annotations
