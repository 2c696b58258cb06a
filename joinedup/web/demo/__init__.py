"""Casework for `joinedup demo`: a living partnership in the demo borough.

After the demo accounts exist (`accounts.demo.create_demo_users`), `seed_demo_casework`
fills the casework apps through their own services, as the demo user who would have
done each thing (so every rule and audit entry applies), with dates relative to today:

- front door: demo.manager on the duty rota; three contacts waiting, one decided
  (`frontdoor.py`);
- cases: three of demo.practitioner's children and one alerted place (`cases.py`);
- MACE meetings: next week's and a past one with approved minutes (`meetings.py`);
- intelligence: the imported reports logged, a handful for demo.police (`intelligence.py`);
- sharing decisions: one shared, one not (`sharing.py`);
- recommendations: the example CSV with progress (`recommendations.py`).

Every audit entry written carries `{"seed": "demo"}` in its detail (`detail_added`), so
an auditor can tell the seed from people's own use of the demo. The seed is one
transaction, so it is all there or none of it; a second run finds the demo team's
cases and adds nothing. E-mails are not sent while seeding (the notifications are on
the dashboards): the demo accounts' addresses are example.org.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.test.utils import override_settings

from joinedup.web.accounts.demo import DEMO_TEAM
from joinedup.web.audit.services import detail_added
from joinedup.web.cases.models import CaseAllocation
from joinedup.web.demo.cases import seed_cases
from joinedup.web.demo.cast import cast_for_demo
from joinedup.web.demo.frontdoor import seed_front_door
from joinedup.web.demo.intelligence import IntelligenceSeeded, seed_intelligence
from joinedup.web.demo.meetings import seed_meetings
from joinedup.web.demo.recommendations import seed_recommendations
from joinedup.web.demo.sharing import seed_sharing

__all__ = [
    "SEED_DETAIL",
    "Seeded",
    "already_seeded",
    "seed_demo_casework",
    "seed_demo_inquiry",
]

SEED_DETAIL = {"seed": "demo"}
NO_EMAIL = "django.core.mail.backends.dummy.EmailBackend"


@dataclass(frozen=True)
class Seeded:
    contacts: list[str]
    cases: list[str]
    meetings: list[str]
    intelligence: IntelligenceSeeded
    sharing: list[str]
    source: str

    def lines(self) -> list[str]:
        """What `joinedup demo` prints."""
        intel = self.intelligence
        return [
            f"front door: {', '.join(self.contacts)} (the last decided; demo.manager on duty)",
            f"cases: {', '.join(self.cases)}",
            f"MACE meetings: {', '.join(self.meetings)} (minutes approved; next week)",
            f"intelligence: imported reports logged: {intel.imported}; "
            f"{', '.join(intel.assigned + [intel.overdue])} assigned to demo.police "
            f"({intel.answered or 'none'} answered, {intel.overdue} overdue)",
            f"sharing decisions: {', '.join(self.sharing)} (shared; not shared)",
            f"recommendations: {self.source}",
        ]


def already_seeded() -> bool:
    """The marker: a case has been allocated to the demo team."""
    return CaseAllocation.objects.filter(team__name=DEMO_TEAM).exists()


def seed_demo_casework(seed: int = 2026, now: datetime | None = None) -> Seeded | None:
    """Seed the casework apps once; None if they were seeded before (nothing is added)."""
    if already_seeded():
        return None
    with override_settings(EMAIL_BACKEND=NO_EMAIL), detail_added(**SEED_DETAIL):
        with transaction.atomic():
            return _seed(random.Random(seed), now)


def _seed(rng: random.Random, now: datetime | None) -> Seeded:
    cast = cast_for_demo(now)
    contacts, opened = seed_front_door(cast)
    cases = seed_cases(cast, opened)
    meetings = seed_meetings(cast, cases)
    intelligence = seed_intelligence(cast, rng)
    decisions = seed_sharing(cast, cases)
    source = seed_recommendations(cast)
    return Seeded(
        contacts=[c.reference for c in contacts],
        cases=[c.reference for c in cases],
        meetings=[m.reference for m in meetings],
        intelligence=intelligence,
        sharing=[d.reference for d in decisions],
        source=source.title,
    )


def seed_demo_inquiry(now: datetime | None = None) -> list[str] | None:
    """Seed the inquiry's apps and publish the partnership's figures once, after the
    casework (the figures count it); None if an inquiry exists already (nothing added).

    The inquiry (`inquiry.py`) with its requests, documents returned under them
    (`documents.py`), redaction at every stage (`redaction.py`), survivors' accounts
    (`survivors.py`), the codebook and coding (`themes.py`), the survivors' panel
    (`panel.py`) and the public site's publications (`transparency.py`)."""
    from joinedup.web.demo.documents import seed_documents
    from joinedup.web.demo.inquiry import seed_inquiry
    from joinedup.web.demo.panel import seed_panel
    from joinedup.web.demo.redaction import seed_redaction
    from joinedup.web.demo.survivors import seed_survivors
    from joinedup.web.demo.themes import seed_themes
    from joinedup.web.demo.transparency import seed_transparency
    from joinedup.web.inquiry.models import Inquiry

    if Inquiry.objects.exists():
        return None
    with override_settings(EMAIL_BACKEND=NO_EMAIL), detail_added(**SEED_DETAIL):
        with transaction.atomic():
            cast = cast_for_demo(now)
            inquiry = seed_inquiry(cast)
            documents = seed_documents(cast, inquiry)
            lines = [f"inquiry: {inquiry.title}", f"documents: {len(documents)} received"]
            lines += seed_redaction(cast, documents)
            accounts = seed_survivors(cast, inquiry)
            lines.append(f"survivors' accounts: {len(accounts)} (references only)")
            lines += seed_themes(cast, inquiry)
            lines += seed_panel(cast, inquiry)
            lines += seed_transparency(cast)
            return lines
