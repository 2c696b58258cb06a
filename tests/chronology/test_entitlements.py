"""What a reader sees follows the sharing rules; what is withheld is counted and said."""

from __future__ import annotations

from joinedup.analysis.borough import AnalysisTables
from joinedup.chronology import Entitlements, chronology_for_person

EVERYTHING = Entitlements.everything()


def test_no_narrative_without_entitlement(tiny: AnalysisTables) -> None:
    summaries_only = chronology_for_person(tiny, "C1", Entitlements())
    assert all(e.narrative is None for e in summaries_only.entries)
    assert "Restricted narratives withheld: summaries only." in summaries_only.sharing_statement()
    entitled = chronology_for_person(tiny, "C1", Entitlements(narratives=True))
    assert entitled.events()[0].narrative == "Restricted narrative of CSC:1"


def test_narratives_shown_only_for_the_agencies_the_agreement_names(tiny: AnalysisTables) -> None:
    reader = Entitlements(
        narratives=True, criminal_offence=True, narrative_agencies=frozenset({"POL"})
    )
    chronology = chronology_for_person(tiny, "C1", reader)
    narratives = {e.agency: e.narrative for e in chronology.events()}
    assert narratives["CSC"] is None
    assert any(e.narrative for e in chronology.events() if e.agency == "POL")
    assert "restricted narratives of POL, summaries of the rest" in reader.describe()


def test_special_category_entries_are_hidden_and_counted(tiny: AnalysisTables) -> None:
    reader = Entitlements(criminal_offence=True)
    chronology = chronology_for_person(tiny, "C1", reader)
    assert "HLT:1" not in [e.source_record for e in chronology.entries]
    [withheld] = chronology.withheld
    assert (withheld.agency, withheld.reason, withheld.count) == ("HLT", "special_category", 1)
    assert withheld.statement() == (
        "1 entry from HLT not shown: special-category data (health, sex life, ethnicity) "
        "the reader is not entitled to."
    )


def test_criminal_offence_entries_need_their_own_entitlement(tiny: AnalysisTables) -> None:
    chronology = chronology_for_person(tiny, "C1", Entitlements(special_category=True))
    assert [(w.agency, w.reason) for w in chronology.withheld] == [("POL", "criminal_offence")]


def test_agencies_outside_the_agreement_are_hidden_and_counted(tiny: AnalysisTables) -> None:
    reader = Entitlements(frozenset({"HLT"}), special_category=True, criminal_offence=True)
    chronology = chronology_for_person(tiny, "C1", reader)
    assert [e.agency for e in chronology.events()] == ["HLT"]
    statements = [w.statement() for w in chronology.withheld]
    assert statements == [
        "5 entries from CSC not shown: the agency is outside the sharing agreement.",
        "2 entries from POL not shown: the agency is outside the sharing agreement.",
    ]
    assert (
        "Shared with a reader entitled to: entries from HLT;" in chronology.sharing_statement()[0]
    )


def test_an_entry_withheld_for_two_reasons_is_counted_once(tiny: AnalysisTables) -> None:
    chronology = chronology_for_person(tiny, "C1", Entitlements(frozenset({"CSC"})))
    assert sum(w.count for w in chronology.withheld) == 3  # POL:1, POL:2 and HLT:1


def test_a_reader_entitled_to_everything_loses_nothing(tiny: AnalysisTables) -> None:
    chronology = chronology_for_person(tiny, "C1", EVERYTHING)
    assert chronology.withheld == ()
    assert "No entry in scope was withheld." in chronology.sharing_statement()
