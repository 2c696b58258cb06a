"""Person index: probabilistic linkage of every agency's records (no Django)."""
