"""The public site: figures under disclosure control, annual report, export for other areas."""

from __future__ import annotations
