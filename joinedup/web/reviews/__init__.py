"""The link-review queue (/review/): pairs of records the linkage model was unsure of,
for a person to confirm (must-link) or reject (cannot-link) with a reason.

- `services/queue.py`: the person pairs waiting, filtered and in order;
- `services/pairs.py`: one pair side by side, its explanation and history; decisions;
- `services/entity_pairs.py`: the same for places, vehicles, phones and organisations;
- `services/explanation.py`: each comparison's level and weight in plain English.

The decisions themselves are made by `joinedup.web.people.review` and
`joinedup.web.people.entity_review` (the same functions `joinedup review` calls).
"""
