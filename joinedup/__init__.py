"""joinedup: link every agency's records of the same child and see them together."""

__version__ = "0.1.0"
