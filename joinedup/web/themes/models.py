"""Themes for the inquiry: codebook, coding, counts by theme and period, could-have-known."""

from __future__ import annotations
