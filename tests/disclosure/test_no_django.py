"""The disclosure package imports no Django (STYLE.md §2)."""

from __future__ import annotations

import subprocess
import sys


def test_disclosure_imports_no_django() -> None:
    code = (
        "import sys, pkgutil, importlib, joinedup.disclosure as d\n"
        "for m in pkgutil.iter_modules(d.__path__):\n"
        "    importlib.import_module(f'{d.__name__}.{m.name}')\n"
        "print(','.join(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_the_public_api_is_what_is_intended() -> None:
    import joinedup.disclosure as d

    assert sorted(d.__all__) == sorted(
        name for name in vars(d) if not name.startswith("_") and name not in {"annotations"}
        and not isinstance(vars(d)[name], type(d))
    )  # fmt: skip
