"""The transparency core imports no Django (STYLE.md §2), and its public API is intended."""

from __future__ import annotations

import subprocess
import sys


def test_transparency_imports_no_django() -> None:
    code = (
        "import sys, pkgutil, importlib, joinedup.transparency as t\n"
        "for m in pkgutil.iter_modules(t.__path__):\n"
        "    importlib.import_module(f'{t.__name__}.{m.name}')\n"
        "print(','.join(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_the_public_api_is_what_is_intended() -> None:
    import joinedup.transparency as t

    assert sorted(t.__all__) == sorted(
        name for name in vars(t) if not name.startswith("_") and name not in {"annotations"}
        and not isinstance(vars(t)[name], type(t))
    )  # fmt: skip
