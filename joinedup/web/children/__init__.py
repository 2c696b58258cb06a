"""Finding a child and opening their joined-up record (URL namespace "people").

- `services/`: search, identity, chronology, screening prompts, agreed grade, network
  and contexts, each a small module the views call (no view logic in them).
- `opening.py`: the gate every page of a child's record passes: an access basis,
  a purpose recorded for this opening, and an audit entry.
- `views/`: thin views rendering the GOV.UK templates in `templates/children/`.

docs/web.md describes each page, what it shows and to whom.
"""
