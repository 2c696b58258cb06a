"""The REST API under /api/v1/: the pages' services, reached with a bearer token.

    api.py          the NinjaAPI: bearer-token authentication, JSON errors, the docs page
    tokens.py       API tokens: create (shown once), revoke, check a presented token
    opening.py      opening a person's record through the API: access, purpose, audit
    people.py       search and identity          chronology.py  the chronology
    screening.py    screening and agreed grades  network.py     the network
    reviews.py      the link-review queue        pages.py       pagination
    views.py        the account page where a user makes and revokes their own tokens

docs/api.md describes every endpoint, with examples.
"""
