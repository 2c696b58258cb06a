"""Ordinary childhoods: the same kinds of events exploited children have (a missing
episode, an A&E visit, unauthorised absence, a referral for another reason), so that
screening has false positives to avoid. About 2.5% of teenagers have a troubled
spell with several such events and no exploitation at all."""

from __future__ import annotations

from datetime import date

from joinedup.synth.households import Household
from joinedup.synth.people import Person
from joinedup.synth.recorder import Recorder
from joinedup.synth.timeline import day_at_age, later

__all__ = ["record_ordinary_history"]

_GP_REASONS = ("asthma review", "ear infection", "immunisations", "eczema", "chest infection")
_ED_REASONS = ("a wrist injury after a fall", "a head bump", "a high temperature", "a cut hand")
_CONTACT_SOURCES = ("the health visitor", "school", "police", "a neighbour", "the GP")
_DSL_REASONS = ("hunger and poor hygiene", "worries about home", "a bruise explained by a fall")
TROUBLED_SHARE = 0.025


def _window_day(rec: Recorder, child: Person, youngest: int, oldest: int) -> date | None:
    return day_at_age(rec.rng, child, youngest, oldest, rec.borough.start, rec.borough.end)


def _health_visit(rec: Recorder, child: Person, code: str, setting: str, ages: range) -> None:
    day = _window_day(rec, child, ages.start, ages.stop - 1)
    reason = rec.rng.choice(_GP_REASONS if setting == "GP" else _ED_REASONS)
    rec.add("HLT", code, day, [(child, "subject")], key=setting, setting=setting, reason=reason)


def _health(rec: Recorder, child: Person) -> None:
    rng = rec.rng
    for _ in range(rng.choice((0, 0, 1, 1, 1, 2, 3))):
        _health_visit(rec, child, rng.choice(("INJ", "ATT")), "ED", range(0, 18))
    for _ in range(rng.choice((0, 1, 1, 2))):
        _health_visit(rec, child, "GPA", "GP", range(0, 18))
    if child.sex == "female" and rng.random() < 0.12:
        _health_visit(rec, child, "CONTRA", "SH", range(16, 18))
    if rng.random() < 0.04:
        _health_visit(rec, child, "MHR", "CAMHS", range(12, 18))


def _school(rec: Recorder, child: Person) -> None:
    rng, b = rec.rng, rec.borough
    subject = [(child, "subject")]
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        rec.add(
            "EDU",
            "UNAUTH_ABS",
            day_at_age(rng, child, 5, 15, b.start, b.end),
            subject,
            reason=rng.choice(("holiday", "no reason given", "late after register")),
        )
    if rng.random() < 0.06:
        rec.add("EDU", "SUSP", day_at_age(rng, child, 11, 15, b.start, b.end), subject)
    if rng.random() < 0.005:
        rec.add("EDU", "PERM_EXCL", day_at_age(rng, child, 12, 15, b.start, b.end), subject)
    if rng.random() < 0.04:
        rec.add(
            "EDU",
            "DSL_CONCERN",
            day_at_age(rng, child, 5, 15, b.start, b.end),
            subject,
            reason=rng.choice(_DSL_REASONS),
        )


def _child_protection(rec: Recorder, child: Person, referral_day: date) -> None:
    rng, subject = rec.rng, [(child, "subject")]
    day = later(rng, referral_day, 1, 10)
    rec.add("CSC", "STRAT", day, subject)
    rec.add("CSC", "S47", later(rng, day, 1, 5), subject)
    rec.add("CSC", "ICPC", later(rng, day, 10, 20), subject)
    start = later(rng, day, 15, 25)
    rec.add("CSC", "CP_PLAN_START", start, subject)
    rec.add("CSC", "CP_PLAN_END", later(rng, start, 270, 560), subject)


def _social_care(rec: Recorder, child: Person) -> None:
    rng, b = rec.rng, rec.borough
    if rng.random() >= 0.18:
        return
    subject = [(child, "subject")]
    day = day_at_age(rng, child, 0, 17, b.start, b.end)
    rec.add("CSC", "CONTACT", day, subject, reason=rng.choice(_CONTACT_SOURCES))
    if day is None or rng.random() >= 0.5:
        return
    referral = later(rng, day, 0, 20)
    rec.add("CSC", "REFERRAL", referral, subject, reason=rng.choice(_CONTACT_SOURCES))
    rec.add("CSC", "ASSESS", later(rng, referral, 10, 45), subject)
    if rng.random() < 0.25:
        rec.add("CSC", "CIN_START", later(rng, referral, 45, 70), subject)
    if rng.random() < 0.14:
        _child_protection(rec, child, referral)
    if rng.random() < 0.02:
        rec.add("CSC", "LAC_START", later(rng, referral, 60, 400), subject)
        rec.add("CSC", "PLACEMENT_MOVE", later(rng, referral, 400, 900), subject)


def _missing_episode(rec: Recorder, child: Person, carer: str) -> None:
    rng, b = rec.rng, rec.borough
    day = day_at_age(rng, child, 12, 17, b.start, b.end)
    rec.add("POL", "MISS", day, [(child, "subject")], night=True, carer=carer)
    if day is not None and rng.random() < 0.7:
        rec.add("CSC", "MISSING", day, [(child, "subject")])
        rec.add("CSC", "RHI", later(rng, day, 1, 5), [(child, "subject")])


def _police(rec: Recorder, child: Person, carer: str) -> None:
    rng, b = rec.rng, rec.borough
    if rng.random() < 0.03:
        _missing_episode(rec, child, carer)
    if child.sex == "male" and rng.random() < 0.03:
        rec.add(
            "POL",
            "STOP",
            day_at_age(rng, child, 13, 17, b.start, b.end),
            [(child, "subject")],
            place=rng.choice(b.geography.public_places).name,
        )
    if rng.random() < 0.02:
        rec.add(
            "POL",
            "CRIME",
            day_at_age(rng, child, 8, 17, b.start, b.end),
            [(child, "victim")],
            place=rng.choice(b.geography.public_places).name,
        )


def _troubled_spell(rec: Recorder, child: Person, carer: str) -> None:
    rng = rec.rng
    for _ in range(rng.randint(2, 4)):
        _missing_episode(rec, child, carer)
    day = _window_day(rec, child, 13, 16)
    if day is None:
        return
    subject = [(child, "subject")]
    rec.add("HLT", "INTOX", day, subject, key="ED", setting="ED", reason="alcohol intoxication")
    rec.add("EDU", "SUSP", later(rng, day, 5, 60), subject)
    rec.add("EDU", "UNAUTH_ABS", later(rng, day, 5, 90), subject, reason="no reason given")
    rec.add("CSC", "CE_SCREEN", later(rng, day, 20, 120), subject)


def _domestic_incident(rec: Recorder, household: Household) -> None:
    rng, b = rec.rng, rec.borough
    child = rng.choice(household.children)
    day = day_at_age(rng, child, 0, 17, b.start, b.end)
    people = [(household.adults[0], "victim")]
    people += [(a, "suspect") for a in household.adults[1:2]]
    people += [(c, "associate") for c in household.children if c.dob <= (day or c.dob)]
    rec.add("POL", "INC", day, people, key="INC", night=True)
    if day is not None:
        rec.add("CSC", "CONTACT", later(rng, day, 1, 7), [(child, "subject")], reason="police")


def record_ordinary_history(rec: Recorder, household: Household) -> None:
    """Every child's ordinary history, and domestic incidents in some households."""
    carer = household.adults[0].first_name
    for child in household.children:
        if child.in_health:
            _health(rec, child)
        if child.upn:
            _school(rec, child)
        _social_care(rec, child)
        _police(rec, child, carer)
        if rec.rng.random() < TROUBLED_SHARE:
            _troubled_spell(rec, child, carer)
    if rec.rng.random() < 0.06:
        _domestic_incident(rec, household)
