"""The independent inquiry: terms of reference, lines, core participants, staff, requests."""
