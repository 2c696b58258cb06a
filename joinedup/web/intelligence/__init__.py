"""The intelligence log: each item received, its 3x5x2 grade, subjects, owner and response."""
