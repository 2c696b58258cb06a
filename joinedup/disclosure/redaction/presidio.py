"""Presidio's UK pattern recognisers, offline, as an optional second opinion.

Installed with the `joinedup[presidio]` extra. Only Presidio's *pattern* recognisers are
used (NHS number with its check digit, National Insurance number, GB phone numbers,
e-mail, postcode, vehicle registration): no NLP engine, so no spaCy model is loaded or
downloaded (a bare `AnalyzerEngine()` tries to download one and exits when offline).
Presidio's e-mail recogniser asks tldextract, which fetches the public suffix list from
the internet; here it is given tldextract's bundled snapshot instead, so nothing leaves
the machine. Importing presidio_analyzer imports spaCy: about 5 seconds, once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from joinedup.disclosure.redaction.spans import Span
from joinedup.errors import ConfigurationError

__all__ = ["ENTITY_CATEGORIES", "PresidioPatterns"]

ENTITY_CATEGORIES = {
    "UK_NHS": "nhs_number",
    "UK_NINO": "ni_number",
    "PHONE_NUMBER": "phone",
    "EMAIL_ADDRESS": "email",
    "UK_POSTCODE": "postcode",
    "UK_VEHICLE_REGISTRATION": "vehicle_registration",
}


class PresidioPatterns:
    """Presidio pattern recognisers for the categories joinedup redacts."""

    def __init__(self) -> None:
        self._recognisers = _recognisers()

    def find(self, text: str) -> Iterator[Span]:
        for recogniser in self._recognisers:
            entities = recogniser.supported_entities
            for result in recogniser.analyze(text, entities=entities, nlp_artifacts=None):
                category = ENTITY_CATEGORIES.get(result.entity_type)
                if category is not None:
                    found = text[result.start : result.end]
                    source = f"presidio:{result.entity_type}"
                    yield Span(result.start, result.end, category, found, source)


def _recognisers() -> list[Any]:
    try:
        import tldextract
        from presidio_analyzer.predefined_recognizers import (
            EmailRecognizer,
            NhsRecognizer,
            PhoneRecognizer,
            UkNinoRecognizer,
            UkPostcodeRecognizer,
            UkVehicleRegistrationRecognizer,
        )
    except ImportError:
        raise ConfigurationError(
            "presidio=True needs the optional extra: pip install 'joinedup[presidio]'"
        ) from None
    offline = tldextract.TLDExtract(suffix_list_urls=())

    class OfflineEmailRecognizer(EmailRecognizer):  # type: ignore[misc,unused-ignore]
        def validate_result(self, pattern_text: str) -> bool:
            domain = pattern_text.rsplit("@", 1)[-1]
            return bool(offline(domain).fqdn)

    return [
        NhsRecognizer(),
        UkNinoRecognizer(),
        PhoneRecognizer(supported_regions=("GB",)),
        OfflineEmailRecognizer(),
        UkPostcodeRecognizer(),
        UkVehicleRegistrationRecognizer(),
    ]
