"""Views: `public` (open to everyone under /public/) and `staff` (publishing, signed in)."""
