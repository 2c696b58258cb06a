"""Known people's names, however they are written."""

from __future__ import annotations

from joinedup.disclosure.redaction import KnownPerson, Redactor, Span

JADE = KnownPerson("P1", "Jade Louise", "Smith", dob="2009-04-03")
NEILL = KnownPerson("P2", "William", "O'Neill")
GRACE = KnownPerson("P3", "Grace", "Hill")
ZOE = KnownPerson("P4", "Zoë", "Al-Hassan")
ROBERT = KnownPerson("P5", "Robert", "Nowak", other_names=("Bobby Knox", "Nowakowski"))


def names(text: str, *known: KnownPerson) -> list[str]:
    return [s.text for s in Redactor(known, patterns=False).suggest(text) if s.category == "name"]


def test_full_names_forenames_and_surnames_are_found() -> None:
    text = "Jade Smith was seen. Jade said Smith's phone was lost. Jade Louise Smith agreed."
    assert names(text, JADE) == ["Jade Smith", "Jade", "Smith", "Jade Louise Smith"]


def test_possessive_keeps_the_apostrophe_s_outside_the_span() -> None:
    spans = Redactor([JADE], patterns=False).suggest("It was Jade's phone.")
    assert [(s.start, s.end, s.text) for s in spans] == [(7, 11, "Jade")]


def test_capitals_and_surname_first() -> None:
    assert names("SUBJECT: SMITH, Jade. JADE SMITH arrested.", JADE) == [
        "SMITH, Jade",
        "JADE SMITH",
    ]


def test_initial_and_surname_is_one_span() -> None:
    assert names("Seen: J. Smith, then J Smith again.", JADE) == ["J. Smith", "J Smith"]


def test_initials_need_the_person_named_in_the_document() -> None:
    assert names("JS said she was fine.", JADE) == []
    assert names("Jade Smith (JS) was seen. Later JS said she was fine.", JADE) == [
        "Jade Smith",
        "JS",
        "JS",
    ]


def test_initials_in_lower_case_are_words_not_names() -> None:
    assert names("Jade Smith said js was a language.", JADE) == ["Jade Smith"]


def test_apostrophe_names_in_any_form() -> None:
    text = "William O’Neill and O'NEILL and ONeill and O Neill"
    assert names(text, NEILL) == ["William O’Neill", "O'NEILL", "ONeill", "O Neill"]


def test_nicknames_from_the_linkage_tables() -> None:
    assert names("Bill O'Neill and later Billy came.", NEILL) == ["Bill O'Neill", "Billy"]


def test_other_names_and_their_parts() -> None:
    assert names("Known as Bobby Knox; also Nowakowski.", ROBERT) == ["Bobby Knox", "Nowakowski"]


def test_accents_and_hyphens() -> None:
    text = "Zoe Al-Hassan, ZOË AL-HASSAN and Al Hassan; Hassan alone."
    assert names(text, ZOE) == ["Zoe Al-Hassan", "ZOË AL-HASSAN", "Al Hassan", "Hassan"]


def test_name_inside_a_longer_word_is_not_found() -> None:
    assert names("Smithson and Jaded are different words.", JADE) == []


def test_word_like_names_in_lower_case_are_words() -> None:
    assert names("She will say grace and walk up the hill.", GRACE) == []


def test_word_like_name_opening_a_question_is_a_verb() -> None:
    known = [KnownPerson("P6", "Will", "Jones"), KnownPerson("P7", "May", "Patel")]
    assert names("Will the panel meet? May I ask?", *known) == []
    assert names("Will said he was at home.", *known) == ["Will"]


def test_word_like_names_next_to_numbers_are_dates() -> None:
    may = KnownPerson("P7", "May", "Patel")
    assert names("Seen on 3 May and again in May 2021.", may) == []


def test_street_and_place_words_make_a_name_a_place() -> None:
    victoria = KnownPerson("P8", "Victoria", "Court")
    text = "She lives on Victoria Road near Hill Academy; Victoria said so."
    assert names(text, victoria, GRACE) == ["Victoria"]


def test_name_followed_by_a_known_surname_is_still_a_name() -> None:
    jack = KnownPerson("P9", "Jack", "Hall")
    assert names("Jack Hall said hello.", jack) == ["Jack Hall"]


def test_word_like_surname_in_capitals_in_a_narrative_is_a_name() -> None:
    assert names("Officers spoke to HILL about the car.", GRACE) == ["HILL"]


def test_word_like_surname_after_the_needs_the_person_named() -> None:
    assert names("They walked up the Hill.", GRACE) == []
    assert names("The Hill family moved.", GRACE) == ["Hill"]
    assert names("Grace Hill left. They walked up the Hill.", GRACE) == ["Grace Hill", "Hill"]


def test_abbreviations_in_capitals_are_not_names() -> None:
    robert = KnownPerson("P5", "Robert", "Nowak")  # "Dob" is a nickname of Robert
    assert names("Robert Nowak DOB: 01/02/2003", robert) == ["Robert Nowak"]


def test_each_span_names_its_person_where_that_is_clear() -> None:
    other_jade = KnownPerson("P9", "Jade", "Brown")
    spans = Redactor([JADE, other_jade], patterns=False).suggest("Jade Smith came. Jade left.")
    assert [(s.text, s.person_ref) for s in spans] == [("Jade Smith", "P1"), ("Jade", "P1")]
    spans = Redactor([JADE, other_jade], patterns=False).suggest("Jade left.")
    assert [(s.text, s.person_ref) for s in spans] == [("Jade", None)]


def test_spans_point_at_their_text() -> None:
    text = "Re: Jade Smith (DOB 3 April 2009) and William O'Neill"
    for span in Redactor([JADE, NEILL]).suggest(text):
        assert isinstance(span, Span)
        assert text[span.start : span.end] == span.text


def test_no_known_people_means_no_names() -> None:
    assert names("Jade Smith was seen.") == []


def test_a_forename_that_is_a_month_next_to_a_number_is_a_date() -> None:
    jun = KnownPerson("P10", "Jun", "Wang")
    assert names("Seen on 12 Jun 2022 by Jun.", jun) == ["Jun"]


def test_forenames_hyphenated_and_surnames_written_without_their_hyphen() -> None:
    kayleigh = KnownPerson("P11", "Kayleigh Ann", "Al-Hassan")
    text = "KAYLEIGH-ANN AL-HASSAN, also Kayleigh Alhassan"
    assert names(text, kayleigh) == ["KAYLEIGH-ANN AL-HASSAN", "Kayleigh Alhassan"]


def test_references_may_hold_any_characters() -> None:
    known = [KnownPerson("cipher:C-12, a", "Jade", "Smith"), KnownPerson("P,2", "Jade", "Brown")]
    spans = Redactor(known, patterns=False).suggest("Jade Smith came. Jade left.")
    assert [(s.text, s.person_ref) for s in spans] == [
        ("Jade Smith", "cipher:C-12, a"),
        ("Jade", "cipher:C-12, a"),
    ]
