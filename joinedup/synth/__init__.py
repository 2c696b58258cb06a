"""A synthetic borough: every agency's export of invented children and adults, with
mapping files and the ground truth that linkage and screening are measured against.

Everything here is SYNTHETIC. No real person is described: names are common names
combined at random, postcodes are in an area that does not exist, and phone numbers
are in Ofcom's ranges reserved for drama.
"""

from __future__ import annotations

from joinedup.synth.borough import BoroughSummary, generate_borough

__all__ = ["BoroughSummary", "generate_borough"]
