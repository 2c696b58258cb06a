"""One writer per agency export, each in the agency's own layout and format."""
