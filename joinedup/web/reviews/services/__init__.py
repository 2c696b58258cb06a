"""Services of the link-review queue: thin views call these."""
