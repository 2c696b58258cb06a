"""Presidio's pattern recognisers as an optional extra, offline."""

from __future__ import annotations

import sys

import pytest

from joinedup.disclosure.redaction import Redactor
from joinedup.errors import ConfigurationError


def test_without_the_extra_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "presidio_analyzer", None)
    monkeypatch.setitem(sys.modules, "presidio_analyzer.predefined_recognizers", None)
    with pytest.raises(ConfigurationError, match=r"joinedup\[presidio\]"):
        Redactor([], presidio=True)


def test_presidio_patterns_find_uk_identifiers_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("presidio_analyzer")
    import requests

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("Presidio tried to reach the network")

    monkeypatch.setattr(requests.Session, "request", no_network)
    text = "NHS 943 476 5919, NI AB 12 34 56 C, jade@example.com, 0161 496 0000, bad 943 476 5918"
    spans = Redactor([], patterns=False, presidio=True).suggest(text)
    found = {(s.category, s.text) for s in spans}
    assert ("nhs_number", "943 476 5919") in found
    assert ("ni_number", "AB 12 34 56 C") in found
    assert ("email", "jade@example.com") in found
    assert ("phone", "0161 496 0000") in found
    assert all(s.text != "943 476 5918" for s in spans)
    assert all(s.source.startswith("presidio:") for s in spans)
