"""The page permission matrix: every role (and anonymous) against every page.

Two data tables say what each role gets on each page:

- `PAGES`, pages without a person: one outcome per column, anonymous first.
- `RECORD_PAGES`, pages of one child's record (a `person_id` in the URL): for each
  role, the outcome for four people in turn: a child allocated to the user or their
  team, a child whose records the user's agency holds (the sharing agreement), a child
  who is neither, and a person id that does not exist.

Every URL pattern Django resolves must be in one of the tables or in `NOT_PAGES` (with
the reason), so a new page without an entry fails `test_every_page_is_in_the_matrix`.
Every denied opening of a child's record must write `person.access_denied` to the audit
log, and every allowed one `person.view` (the chronology download `chronology.download`).

Rows for the casework and later page areas live in tests/web/matrix/, one module per
app, merged in here.

Run it alone with `.venv/bin/pytest tests/web/test_permission_matrix.py` (docs/web.md).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.http import urlencode

from joinedup.web.access import roles
from joinedup.web.access.models import Allocation, SharingAgreement
from joinedup.web.accounts.models import Notification, Team
from joinedup.web.accounts.notifications import notify
from joinedup.web.analysis.models import AgreedGrade
from joinedup.web.api.tokens import create_token
from joinedup.web.audit.models import AuditEntry
from joinedup.web.children.services.grades import grade_choices
from joinedup.web.children.services.rule_files import default_scheme
from joinedup.web.people.models import (
    EntityReviewPair,
    LinkageRun,
    Person,
    PersonLink,
    ReviewPair,
)
from joinedup.web.records.models import Agency, ImportBatch, SourcePerson
from tests.web.matrix import contributions
from tests.web.matrix.common import (
    ADMIN,
    ANONYMOUS,
    CHILDREN,
    COLUMNS,
    DENY,
    EMPTY,
    FORM,
    GONE,
    HOME,
    LOGIN,
    MISSING,
    NO,
    NO_SUCH_PERSON,
    OK,
    OPEN,
    OUTSIDERS,
    PURPOSE,
    ROLE_AGENCY,
    ROLES,
    START,
    Borough,
    for_every_column,
)

pytestmark = pytest.mark.django_db


# --- Pages without a person -----------------------------------------------------------
# Django's admin: administrators only; everyone else is sent to its login, which refuses.
ADMINISTRATORS = (LOGIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, OK)
NOT_EVEN_ADMINISTRATORS = (LOGIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, NO)
# fmt: off
PAGES: dict[str, tuple[str, ...]] = {
    # anon, prac, mgr, police, health, school, inq, audit, admin (+ core participant, panel
    # member: a row of nine gives them NO, see matrix/common.py `for_every_column`)
    "home:overview":           (LOGIN, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
    "home:records":             (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # Someone else's notification and API token: nobody but their owner finds them.
    "home:notification-read":  (START, *(GONE,) * 10),
    "home:accessibility":      (OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
    "home:cookies":            (OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
    "home:health":             (OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
    "accounts:sign-in":        (OK, *(HOME,) * 10),
    "accounts:verify":         (START,) * 11,
    "accounts:set-up-2fa":     (START,) * 11,
    "accounts:sign-out":       (START,) * 11,
    "accounts:session-extend": (START, *(EMPTY,) * 10),
    "api-tokens:list":          (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "api-tokens:revoke":        (START, GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE,  GONE),
    "people:search":            (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    NO,    NO),
    "reviews:queue":            (LOGIN, OK,    OK,    OK,    NO,    NO,    NO,    NO,    NO),
    "reviews:pair":             (LOGIN, OK,    OK,    OK,    NO,    NO,    NO,    NO,    NO),
    "reviews:entities":         (LOGIN, OK,    OK,    OK,    NO,    NO,    NO,    NO,    NO),
    "reviews:entity-pair":      (LOGIN, OK,    OK,    OK,    NO,    NO,    NO,    NO,    NO),
    "audit:index":              (LOGIN, NO,    NO,    NO,    NO,    NO,    NO,    OK,    NO),
    "audit:outside-allocation": (LOGIN, NO,    NO,    NO,    NO,    NO,    NO,    OK,    NO),
    "audit:break-glass":        (LOGIN, NO,    NO,    NO,    NO,    NO,    NO,    OK,    NO),
    "audit:verify":             (LOGIN, NO,    NO,    NO,    NO,    NO,    NO,    OK,    NO),
    # The inquiry's own work: its staff only, never the council's auditors (docs/audit.md).
    "audit:inquiry":            (LOGIN, NO,    NO,    NO,    NO,    NO,    OK,    NO,    NO),
    # Django's own admin login is never used: signed-in users are refused there.
    "admin:login":              (LOGIN, NO,    NO,    NO,    NO,    NO,    NO,    NO,    NO),
    "admin:index": ADMINISTRATORS,
    "admin:app_list": ADMINISTRATORS,
    "admin:accounts_user_changelist": ADMINISTRATORS,
    "admin:accounts_user_add": NOT_EVEN_ADMINISTRATORS,  # accounts: `joinedup users create`
    "admin:accounts_user_change": ADMINISTRATORS,
    "admin:accounts_user_history": ADMINISTRATORS,
    "admin:accounts_user_delete": NOT_EVEN_ADMINISTRATORS,
    "admin:accounts_team_changelist": ADMINISTRATORS,
    "admin:accounts_team_add": ADMINISTRATORS,
    "admin:accounts_team_change": ADMINISTRATORS,
    "admin:accounts_team_history": ADMINISTRATORS,
    "admin:accounts_team_delete": NOT_EVEN_ADMINISTRATORS,
    "admin:access_allocation_changelist": ADMINISTRATORS,
    "admin:access_allocation_add": ADMINISTRATORS,
    "admin:access_allocation_change": ADMINISTRATORS,
    "admin:access_allocation_history": ADMINISTRATORS,
    "admin:access_allocation_delete": NOT_EVEN_ADMINISTRATORS,
    "admin:access_sharingagreement_changelist": ADMINISTRATORS,
    "admin:access_sharingagreement_add": ADMINISTRATORS,
    "admin:access_sharingagreement_change": ADMINISTRATORS,
    "admin:access_sharingagreement_history": ADMINISTRATORS,
    # Deleting a change to the agreement goes back to the shipped default.
    "admin:access_sharingagreement_delete": ADMINISTRATORS,
}
# fmt: on
# POST-only pages: the matrix POSTs to them.
POSTED = {
    "accounts:sign-out",
    "accounts:session-extend",
    "home:notification-read",
    "api-tokens:revoke",
}
# What a page's URL needs: a fixed value, or the name of an object the module makes.
PAGE_ARGS: dict[str, dict[str, str]] = {
    "admin:app_list": {"app_label": "access"},
    "reviews:pair": {"pair_id": "review_pair"},
    "reviews:entity-pair": {"pair_id": "entity_pair"},
    "home:notification-read": {"notification_id": "notification"},
    "api-tokens:revoke": {"token_id": "api_token"},
    **{
        f"admin:{model}_{view}": {"object_id": model}
        for model in ("accounts_user", "accounts_team", "access_allocation",
                      "access_sharingagreement")
        for view in ("change", "history", "delete")
    },
}  # fmt: skip

# --- Pages of one child's record ----------------------------------------------------
# Each cell: the outcome for (allocated, agreement, neither, no such person).
# Anonymous users are sent to sign in from every one of these pages.
ALLOCATION_ROLES = {"specialist_practitioner": "open deny deny 404",
                    "team_manager": "open deny deny 404"}  # fmt: skip
AGREEMENT_ROLES = {"police_analyst": "open open deny 404",
                   "health_safeguarding_lead": "open open deny 404",
                   "school_safeguarding_lead": "open open deny 404"}  # fmt: skip
NO_CHILDREN = {"auditor": "deny deny deny deny", "administrator": "deny deny deny deny"}
A_SECTION = {**ALLOCATION_ROLES, **AGREEMENT_ROLES, "inquiry_team": "open open open 404",
             **NO_CHILDREN}  # fmt: skip
RECORD_PAGES: dict[str, dict[str, str]] = {
    "people:person": A_SECTION,
    "people:chronology": A_SECTION,
    "people:chronology-download": A_SECTION,
    "people:screening": A_SECTION,
    "people:network": A_SECTION,
    "people:contexts": A_SECTION,
    # Only roles that record agreed grades reach the form, even for a child they may see.
    "people:grade": {
        **ALLOCATION_ROLES,
        "police_analyst": "deny deny deny deny",
        "health_safeguarding_lead": "deny deny deny deny",
        "school_safeguarding_lead": "deny deny deny deny",
        "inquiry_team": "deny deny deny deny",
        **NO_CHILDREN,
    },
    "access:purpose": {
        "specialist_practitioner": "form deny deny 404",
        "team_manager": "form deny deny 404",
        "police_analyst": "form form deny 404",
        "health_safeguarding_lead": "form form deny 404",
        "school_safeguarding_lead": "form form deny 404",
        "inquiry_team": "form form form 404",
        **NO_CHILDREN,
    },
    # With access already, break-glass sends you on to the purpose step. The inquiry
    # team sees everyone and has no break-glass: refused (and audited) outright.
    "access:break-glass": {
        "specialist_practitioner": "purpose form form 404",
        "team_manager": "purpose form form 404",
        "police_analyst": "purpose purpose form 404",
        "health_safeguarding_lead": "purpose purpose form 404",
        "school_safeguarding_lead": "purpose purpose form 404",
        "inquiry_team": "deny deny deny deny",
        **NO_CHILDREN,
    },
}
# What an allowed opening of each record page writes to the audit log.
AUDITED_AS = {"people:chronology-download": "chronology.download"}

# --- The rows of the other page areas (tests/web/matrix/) ----------------------------
MORE = contributions()
assert not set(MORE.pages) & set(PAGES), "a page area repeats an issue-5 row"
assert not set(MORE.record_pages) & set(RECORD_PAGES), "a page area repeats a record row"
PAGES.update(MORE.pages)
PAGES = {name: for_every_column(row) for name, row in PAGES.items()}
RECORD_PAGES.update(MORE.record_pages)
# Roles from outside the partnership are refused (and audited) on every record page.
for _row in RECORD_PAGES.values():
    _row.update({outsider: "deny deny deny deny" for outsider in OUTSIDERS})
POSTED |= MORE.posted
PAGE_ARGS.update(MORE.page_args)

# --- Not pages: URL patterns left out of the matrix, and why --------------------------
NOT_PAGES: dict[str, str] = {
    r"^api/": "the REST API: tests/web/api/ has its own per-endpoint role matrix",
    r"^admin/logout/$": "Django admin internals: a POST that signs out (only from /admin/)",
    r"^admin/password_change/": "Django admin internals: accounts' passwords are set with "
    "`joinedup users`; administrators only, like the rest of /admin/",
    r"^admin/jsi18n/$": "Django admin internals: the admin's JavaScript catalogue",
    r"^admin/autocomplete/$": "Django admin internals: no model uses autocomplete fields",
    r"^admin/r/": "Django admin internals: 'view on site' redirects; no model has a page",
    r"^admin/[a-z]+/[a-z]+/<path:object_id>/$": "Django admin internals: redirects an "
    "object's old address to its change page",
    r"^admin/\(\?P<url>": "Django admin internals: the catch-all that answers 404",
}


# --- The borough, built once for the module -------------------------------------------
@pytest.fixture(scope="module")
def borough(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Borough]:
    """A small synthetic borough (20 children) imported, linked and screened."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("JOINEDUP_DATA_DIR", str(tmp_path_factory.mktemp("matrix-data")))
        _import_link_and_screen(tmp_path_factory.mktemp("matrix-borough"))
        yield _children_by_agency()
        _forget_cached_tables()
        call_command("flush", interactive=False, verbosity=0)


def _import_link_and_screen(folder: Path) -> None:
    from joinedup.synth import generate_borough
    from joinedup.web.analysis.screening import screen_everyone
    from joinedup.web.people.linking import link_everyone
    from joinedup.web.records.importing import import_export

    generate_borough(folder, children=20, years=(1995, 2025), seed=7)
    manifest = json.loads((folder / "manifest.json").read_text())
    for export in manifest["exports"]:
        files = [folder / f for f in export["files"]]
        import_export(export["agency"], folder / export["mapping"], files, user="test")
    link_everyone("test")
    screen_everyone("test", as_of=date(2020, 6, 30))


def _children_by_agency() -> Borough:
    children = Person.objects.filter(age_group="child", active=True).order_by("person_id")
    known, unknown = {}, {}
    for code in ROLE_AGENCY.values():
        held = children.filter(links__source_person__agency__code=code).distinct()
        known[code] = list(held.values_list("person_id", flat=True))
        unknown[code] = list(children.exclude(pk__in=held).values_list("person_id", flat=True))
        assert known[code], f"the borough has no child known to {code}"
    return Borough(known, unknown, _child_known_to_no_role_agency())


def _child_known_to_no_role_agency() -> str:
    """Health holds a record of nearly every child, so one child is added by hand whose
    only record is the licensing team's: no role's agency holds it."""
    batch = ImportBatch.objects.exclude(agency__code__in=ROLE_AGENCY.values()).first()
    run = LinkageRun.objects.order_by("pk").first()
    assert batch is not None and run is not None, "the borough has no other agency's import"
    record = SourcePerson.objects.create(
        agency=batch.agency, source_id="MATRIX-1", content_hash="-", imported_in=batch,
        updated_in=batch, forenames="Robin", surname="Matrix", dob="2012-05-01",
        dob_precision="day", age_group="child",
    )  # fmt: skip
    person = Person.objects.create(
        person_id="P-8000001", age_group="child", created_in=run, updated_in=run
    )
    PersonLink.objects.create(
        source_person=record, person=person, model_version="hand", decided_by="model", run=run
    )
    return person.person_id


def _forget_cached_tables() -> None:
    from joinedup.web.children.services.contexts import forget_cached_contexts
    from joinedup.web.children.services.tables import forget_cached_tables

    forget_cached_tables()
    forget_cached_contexts()


# --- One user of each role, with the children they may and may not open ----------------


@dataclass
class Subject:
    role: str
    client: Client
    username: str
    children: dict[str, str]  # allocated / agreement / neither / no_such_person -> id


@pytest.fixture
def subject(
    borough: Borough,
    signed_in_client: Callable[..., Any],
    make_user: Callable[..., Any],
) -> Callable[[str], Subject]:
    """A signed-in client for a role (or anonymous), and the four people to try."""

    def make(role: str) -> Subject:
        code = ROLE_AGENCY.get(role, "CSC")
        children = {
            # not held by the user's agency where the borough has one: allocation alone
            "allocated": (borough.not_known_to[code] or borough.known_to[code][1:])[0],
            "agreement": borough.known_to[code][0],
            "neither": borough.known_to_none,
            "no_such_person": NO_SUCH_PERSON,
        }
        if role == ANONYMOUS:
            return Subject(role, Client(), "", children)
        agency = Agency.objects.get(code=code) if role in ROLE_AGENCY else None
        client = signed_in_client(role, agency=agency)
        _allocate(children["allocated"], client.user, make_user)
        return Subject(role, client, client.user.username, children)

    return make


def _allocate(person_id: str, user: Any, make_user: Callable[..., Any]) -> None:
    """To the user; for a team manager, to a practitioner in the team they manage."""
    person = Person.objects.get(person_id=person_id)
    to = user
    if user.role == "team_manager":
        team = Team.objects.create(name=f"Team of {user.username}", manager=user)
        to = make_user("specialist_practitioner", team=team)
    Allocation.objects.create(person=person, user=to, allocated_from=date(2025, 1, 1))


@pytest.fixture
def page_objects(
    request: pytest.FixtureRequest, borough: Borough, make_user: Callable[..., Any]
) -> dict[str, str]:
    """One object of each administered model, a pair of each kind to review, and the
    objects of the page area whose page is tested (`MORE.maker_of`): making every area's
    objects for every one of the matrix's thousands of cases was half its time."""
    person = Person.objects.get(person_id=borough.known_to["CSC"][0])
    someone = make_user("specialist_practitioner")
    team = Team.objects.create(name="Exploitation team", manager=someone)
    allocation = Allocation.objects.create(
        person=person, user=someone, allocated_from=date(2025, 1, 1)
    )
    agreement = SharingAgreement.objects.create(
        role="police_analyst", agency=Agency.objects.get(code="HLT"), level="summaries"
    )
    told = notify(someone, Notification.BREAK_GLASS, "Break-glass access used", "…")
    token = create_token(someone, "matrix", by="test").token
    name = request.node.callspec.params["name"]
    make_objects = MORE.maker_of.get(name)
    made = make_objects(borough, make_user) if make_objects is not None else {}
    return {
        **made,
        **_pairs_to_review(),
        "notification": str(told.pk),
        "api_token": str(token.pk),
        "accounts_user": str(someone.pk),
        "accounts_team": str(team.pk),
        "access_allocation": str(allocation.pk),
        "access_sharingagreement": str(agreement.pk),
    }


def _pairs_to_review() -> dict[str, str]:
    records = list(SourcePerson.objects.filter(agency__code="CSC").order_by("pk")[:2])
    run = LinkageRun.objects.order_by("pk").first()
    person_pair = ReviewPair.objects.create(
        record_a=records[0], record_b=records[1], match_probability=0.5, match_weight=0.0,
        run=run,
    )  # fmt: skip
    entity_pair = EntityReviewPair.objects.create(
        kind="place", record_a="CSC:L1", record_b="POL:L9", match_probability=0.6, run=run
    )
    return {"review_pair": str(person_pair.pk), "entity_pair": str(entity_pair.pk)}


# --- The matrix is complete -----------------------------------------------------------
def url_patterns() -> dict[str, str]:
    """Every URL pattern Django resolves: view name (or route, if unnamed) -> route."""
    found: dict[str, str] = {}

    def walk(patterns: list[Any], prefix: str, namespaces: tuple[str, ...]) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                more = (pattern.namespace,) if pattern.namespace else ()
                walk(pattern.url_patterns, route, namespaces + more)
            elif isinstance(pattern, URLPattern):
                name = ":".join((*namespaces, pattern.name)) if pattern.name else route
                found[name] = route

    walk(get_resolver().url_patterns, "", ())
    return found


def _left_out(route: str) -> bool:
    return any(re.search(pattern, route) for pattern in NOT_PAGES)


def test_every_page_is_in_the_matrix() -> None:
    pages = {name for name, route in url_patterns().items() if not _left_out(route)}
    in_matrix = set(PAGES) | set(RECORD_PAGES)
    assert pages - in_matrix == set(), "pages with no row in the permission matrix"
    assert in_matrix - pages == set(), "rows in the matrix for pages that no longer exist"


def test_every_role_has_a_column_and_every_cell_an_outcome() -> None:
    assert set(ROLES) == set(roles.roles()), "the matrix's roles differ from roles.yaml"
    for name, row in PAGES.items():
        assert len(row) == len(COLUMNS), name
    for name, cells in RECORD_PAGES.items():
        assert set(cells) == set(ROLES), name
        assert all(len(cell.split()) == len(CHILDREN) for cell in cells.values()), name


def test_the_pages_left_out_are_still_there() -> None:
    """Each exclusion still matches a pattern, so none outlives the page it excused."""
    routes = url_patterns().values()
    stale = [p for p in NOT_PAGES if not any(re.search(p, r) for r in routes)]
    assert stale == []


# --- Pages without a person -----------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "column"),
    [(name, column) for name in PAGES for column in COLUMNS],
    ids=[f"{name}-{column}" for name in PAGES for column in COLUMNS],
)
def test_page(
    name: str,
    column: str,
    subject: Callable[[str], Subject],
    page_objects: dict[str, str],
) -> None:
    expected = PAGES[name][COLUMNS.index(column)]
    who = subject(column)
    kwargs = {k: page_objects.get(v, v) for k, v in PAGE_ARGS.get(name, {}).items()}
    url = reverse(name, kwargs=kwargs)
    send = who.client.post if name in POSTED else who.client.get
    check_outcome(expected, send(url), url, who.client)


def check_outcome(expected: str, response: Any, url: str, client: Client) -> None:
    status, location = response.status_code, response.get("Location", "")
    seen = f"{url}: {status} {location}".strip()
    if expected == OK:
        assert status == 200, seen
    elif expected == LOGIN:
        assert (status, location) == (302, "/sign-in/?" + urlencode({"next": url})), seen
    elif expected == START:
        assert (status, location) == (302, "/sign-in/"), seen
    elif expected == HOME:
        assert (status, location) == (302, "/"), seen
    elif expected == EMPTY:
        assert status == 204, seen
    elif expected == NO:
        assert status == 403, seen
    elif expected == GONE:
        assert status == 404, seen
    elif expected == ADMIN:
        assert status == 302 and location.startswith("/admin/login/?next="), seen
        assert client.get(location).status_code == 403, f"{seen}: the admin login lets in"
    else:
        raise AssertionError(f"unknown outcome {expected!r} for {url}")


# --- Pages of a child's record --------------------------------------------------------
RECORD_CASES = [(name, role) for name in RECORD_PAGES for role in (ANONYMOUS, *ROLES)]


@pytest.mark.parametrize(
    ("name", "role"), RECORD_CASES, ids=[f"{name}-{role}" for name, role in RECORD_CASES]
)
def test_record_page(name: str, role: str, subject: Callable[[str], Subject]) -> None:
    who = subject(role)
    if role == ANONYMOUS:
        url = reverse(name, args=[who.children["allocated"]])
        check_outcome(LOGIN, who.client.get(url), url, who.client)
        return
    for child, expected in zip(CHILDREN, RECORD_PAGES[name][role].split(), strict=True):
        check_record_outcome(name, expected, who, who.children[child])


def check_record_outcome(name: str, expected: str, who: Subject, person_id: str) -> None:
    url = reverse(name, args=[person_id])
    before = _audit_counts(who, person_id)
    response = who.client.get(url)
    status, location = response.status_code, response.get("Location", "")
    seen = f"{who.role} {url}: {status} {location}".strip()
    purpose_step = reverse("access:purpose", args=[person_id])
    if expected == OPEN:
        assert (status, location) == (302, f"{purpose_step}?{urlencode({'next': url})}"), seen
        assert _audit_counts(who, person_id) == before, f"{seen}: audited before the purpose"
        _give_purpose(who, person_id)
        before = _audit_counts(who, person_id)
        opened = who.client.get(url)
        assert opened.status_code == 200, f"{seen}, then {opened.status_code} after the purpose"
        action = AUDITED_AS.get(name, "person.view")
        assert _audit_counts(who, person_id) == _plus(before, action), f"{seen}: audit"
        if name == "people:chronology-download":
            assert _is_pdf_with_purpose(opened.content), seen
    elif expected == DENY:
        assert status == 403, seen
        assert _audit_counts(who, person_id) == _plus(before, "person.access_denied"), seen
    elif expected == FORM:
        assert status == 200 and b"<form" in response.content, seen
        assert _audit_counts(who, person_id) == before, f"{seen}: a form is not an opening"
    elif expected == PURPOSE:
        assert status == 302 and location.startswith(purpose_step + "?next="), seen
        assert _audit_counts(who, person_id) == before, seen
    elif expected == MISSING:
        assert status == 404, seen
        assert _audit_counts(who, person_id) == before, seen
    else:
        raise AssertionError(f"unknown outcome {expected!r} for {url}")


AUDITED = ("person.view", "person.access_denied", "chronology.download")


def _audit_counts(who: Subject, person_id: str) -> dict[str, int]:
    entries = AuditEntry.objects.filter(actor_username=who.username, target_id=person_id)
    return {action: entries.filter(action=action).count() for action in AUDITED}


def _plus(counts: dict[str, int], action: str) -> dict[str, int]:
    return {**counts, action: counts[action] + 1}


def _give_purpose(who: Subject, person_id: str) -> None:
    given = who.client.post(
        reverse("access:purpose", args=[person_id]),
        {"purpose": "mace_preparation", "next": "/"},
    )
    assert given.status_code == 302, f"{who.role}: the purpose step refused {person_id}"


def _is_pdf_with_purpose(content: bytes) -> bool:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return content.startswith(b"%PDF") and "Preparing for a MACE meeting" in text


# --- Writes: only roles that record agreed grades can record one ----------------------
@pytest.mark.parametrize("role", ROLES)
def test_only_roles_that_record_grades_can_post_one(
    role: str, subject: Callable[[str], Subject]
) -> None:
    who = subject(role)
    person_id = who.children["allocated"]
    may_open = RECORD_PAGES["people:person"][role].split()[0] == OPEN
    if may_open:
        _give_purpose(who, person_id)
    before = _audit_counts(who, person_id)
    grade = grade_choices(default_scheme())[0][0]
    posted = who.client.post(
        reverse("people:grade", args=[person_id]),
        {"grade": grade, "rationale": "Agreed at the MACE meeting after discussion."},
    )
    if role in ALLOCATION_ROLES:
        assert posted.status_code == 302, posted.content[:2000]
        assert AgreedGrade.objects.filter(person__person_id=person_id, grade=grade).exists()
    else:
        assert posted.status_code == 403, f"{role} posted a grade: {posted.status_code}"
        assert _audit_counts(who, person_id) == _plus(before, "person.access_denied")
        assert not AgreedGrade.objects.filter(person__person_id=person_id).exists()


def test_owners_read_their_notifications_and_revoke_their_tokens(
    signed_in_client: Callable[..., Any],
) -> None:
    """The allowed cases of the two pages above, refused (404) to everyone else."""
    client = signed_in_client("team_manager")
    told = notify(client.user, Notification.BREAK_GLASS, "Break-glass access used", "…")
    read = client.post(reverse("home:notification-read", args=[told.pk]))
    assert (read.status_code, read["Location"]) == (302, "/")
    told.refresh_from_db()
    assert told.read_at is not None
    token = create_token(client.user, "mine", by="test").token
    revoked = client.post(reverse("api-tokens:revoke", args=[token.pk]))
    assert (revoked.status_code, revoked["Location"]) == (302, reverse("api-tokens:list"))
    token.refresh_from_db()
    assert token.revoked_at is not None
