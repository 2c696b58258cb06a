"""The survivors' panel: proposed lines of inquiry, comments on drafts, and 'you said, we did'."""

from __future__ import annotations
