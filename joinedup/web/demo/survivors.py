"""The demo's survivors' accounts: six invented accounts given through every channel,
with varied consent; four with approved anonymised versions (periods from the 1990s to
the 2020s), one awaiting approval, and one referral to police.

Every word is invented. demo.inquiry is named to read accounts (if the inquiry's seed
has not done so already), and a second inquiry staff member, who cannot sign in,
approves the anonymised versions demo.inquiry prepared: approval needs a second person.
Run twice, it adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from joinedup.web.accounts.models import Role, User
from joinedup.web.demo.cast import Cast
from joinedup.web.inquiry.models import Inquiry, InquiryStaff
from joinedup.web.survivors.models import Account, PoliceReferral
from joinedup.web.survivors.services.accounts import AccountDraft, record_account, submit_online
from joinedup.web.survivors.services.anonymise import Anonymised, approve, save_anonymised
from joinedup.web.survivors.services.consent import Choices
from joinedup.web.survivors.services.referrals import Referral, record_referral

__all__ = ["REVIEWER", "seed_survivors"]

REVIEWER = "inquiry.reviewer"


@dataclass(frozen=True)
class _Demo:
    channel: str
    days_ago: int
    text: str
    decades: tuple[int, ...]
    agencies: tuple[str, ...]
    choices: Choices
    contact: str = ""
    anonymised: str = ""
    period: tuple[int, int] | None = None
    approved: bool = True


YES_ALL = Choices(research_use=True, quote_anonymously=True)
DEMOS = (
    _Demo(
        "online_form",
        120,
        "I was fourteen and living in a children's home when an older man started giving "
        "me lifts. Staff saw the car outside most nights. Nobody asked where I went.",
        (1990,),
        ("social_care", "police"),
        Choices(True, True, True, "email"),
        contact="invented.person@example.com",
        anonymised="I was fourteen and living in a children's home when an older man "
        "started giving me lifts. Staff saw the car outside most nights. Nobody asked "
        "where I went.",
        period=(1994, 1998),
    ),
    _Demo(
        "in_person",
        90,
        "At the takeaway on the high street they gave us drink and then said we owed them. "
        "I told a teacher once. She said I should choose better friends.",
        (2000,),
        ("education", "police"),
        Choices(research_use=True, pass_to_police=True),
        anonymised="At [a takeaway] they gave us drink and then said we owed them. I told "
        "a teacher once. She said I should choose better friends.",
        period=(2003, 2006),
    ),
    _Demo(
        "phone",
        60,
        "The sexual health clinic saw me four times in a year. I was fifteen. Nobody "
        "asked who the man who brought me was.",
        (2010,),
        ("health",),
        Choices(True, True, True, "phone"),
        contact="01632 960 123",
        anonymised="The sexual health clinic saw me four times in a year. I was fifteen. "
        "Nobody asked who the man who brought me was.",
        period=(2012, 2014),
    ),
    _Demo(
        "video",
        30,
        "It started online, in a group chat. By the time I went missing the first time "
        "the police already had my name from a report about the house.",
        (2020,),
        ("police", "social_care"),
        Choices(research_use=True),
        anonymised="It started online, in a group chat. By the time I went missing the "
        "first time the police already had my name from a report about [an address].",
        period=(2019, 2021),
    ),
    _Demo(
        "written",
        20,
        "I am writing so that someone knows. I do not want this used for anything else.",
        (1980,),
        (),
        Choices(),
    ),
    _Demo(
        "online_form",
        5,
        "The taxi drivers knew where to take us. I want the inquiry to ask the council "
        "who licensed them.",
        (2010,),
        ("other",),
        Choices(research_use=True),
        anonymised="The taxi drivers knew where to take us. I want the inquiry to ask the "
        "council who licensed them.",
        period=(2008, 2011),
        approved=False,
    ),
)


def seed_survivors(cast: Cast, inquiry: Inquiry) -> list[Account]:
    existing = list(Account.objects.filter(inquiry=inquiry).order_by("received_at"))
    if existing:
        return existing
    _name_reader(inquiry, cast.inquiry, "Inquiry lead", cast)
    reviewer = _reviewer(inquiry, cast)
    made = [_account(cast, inquiry, demo, reviewer) for demo in DEMOS]
    record_referral(
        cast.inquiry,
        made[1],
        Referral(
            referred_on=cast.today - timedelta(days=85),
            force="Invented Constabulary",
            what_passed="The allegation about the takeaway and the adults named in the account.",
            contact_details=PoliceReferral.WITH_CONSENT,
            police_reference="IC/2026/0412",
        ),
    )
    return made


def _account(cast: Cast, inquiry: Inquiry, demo: _Demo, reviewer: User) -> Account:
    draft = AccountDraft(
        text=demo.text,
        decades=demo.decades,
        agencies=demo.agencies,
        choices=demo.choices,
        contact_details=demo.contact,
    )
    received = cast.at(-demo.days_ago, 11)
    if demo.channel == Account.ONLINE_FORM:
        account = submit_online(inquiry, draft).account
        Account.objects.filter(pk=account.pk).update(received_at=received, recorded_at=received)
        account.consents.update(asked_at=received, recorded_at=received)
        account.refresh_from_db()
    else:
        account = record_account(cast.inquiry, inquiry, draft, demo.channel, received)
    if demo.anonymised and demo.period:
        version = save_anonymised(cast.inquiry, account, Anonymised(demo.anonymised, *demo.period))
        if demo.approved:
            approve(reviewer, version)
    return account


def _name_reader(inquiry: Inquiry, user: User, position: str, cast: Cast) -> None:
    staff, _ = InquiryStaff.objects.get_or_create(
        inquiry=inquiry,
        user=user,
        defaults={"position": position, "named_at": cast.now, "reads_accounts": True},
    )
    if not staff.reads_accounts:
        staff.reads_accounts = True
        staff.save(update_fields=["reads_accounts"])


def _reviewer(inquiry: Inquiry, cast: Cast) -> User:
    reviewer = User.objects.filter(username=REVIEWER).first()
    if reviewer is None:
        reviewer = User(
            username=REVIEWER, role=Role.INQUIRY_TEAM, first_name="Noor", last_name="Adeyemi"
        )
        reviewer.set_unusable_password()
        reviewer.save()
    _name_reader(inquiry, reviewer, "Anonymisation reviewer", cast)
    return reviewer
