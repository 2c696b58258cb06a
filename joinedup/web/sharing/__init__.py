"""Information-sharing decisions, including decisions not to share, with their lawful basis."""
