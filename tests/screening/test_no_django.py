"""The screening package imports no Django."""

from __future__ import annotations

import subprocess
import sys


def test_screening_imports_no_django() -> None:
    code = (
        "import sys, pkgutil, importlib, joinedup.screening as s\n"
        "for m in pkgutil.iter_modules(s.__path__):\n"
        "    importlib.import_module(f'{s.__name__}.{m.name}')\n"
        "print(','.join(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
