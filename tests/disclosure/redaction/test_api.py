"""The public API is what other packages import, and the core imports no Django."""

from __future__ import annotations

import subprocess
import sys
import types

import joinedup.disclosure.redaction as redaction


def test_the_public_api_is_exactly_what_is_intended() -> None:
    public = {
        name
        for name, value in vars(redaction).items()
        if not name.startswith("_")
        and name != "annotations"
        and not isinstance(value, types.ModuleType)
    }
    assert set(redaction.__all__) == public
    assert {"KnownPerson", "Span", "Redactor", "suggest_redactions", "apply_redactions",
            "read_known_people"} <= public  # fmt: skip


def test_redaction_imports_no_django() -> None:
    code = (
        "import sys, pkgutil, importlib, joinedup.disclosure.redaction as r\n"
        "for m in pkgutil.iter_modules(r.__path__):\n"
        "    if m.name != 'presidio': importlib.import_module(f'{r.__name__}.{m.name}')\n"
        "print(','.join(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_suggest_redactions_is_a_one_off_redactor() -> None:
    person = redaction.KnownPerson("P1", "Jade", "Smith")
    text = "Jade Smith, MS4 2AB"
    assert redaction.suggest_redactions(text, [person]) == redaction.Redactor([person]).suggest(
        text
    )
    assert [s.category for s in redaction.suggest_redactions(text, [person], patterns=False)] == [
        "name"
    ]
