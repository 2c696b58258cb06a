"""Services behind the search and the child's page: plain functions over the ORM."""
