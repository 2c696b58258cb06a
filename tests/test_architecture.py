"""House rules that keep the design honest."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from joinedup import config

ROOT = Path(__file__).resolve().parent.parent
CORE_PACKAGES = [
    "joinedup.records",
    "joinedup.synth",
    "joinedup.linkage",
    "joinedup.analysis",
    "joinedup.chronology",
    "joinedup.screening",
    "joinedup.network",
    "joinedup.disclosure",
    "joinedup.transparency",
    "joinedup.errors",
    "joinedup.config",
]


def test_core_packages_import_no_django() -> None:
    modules = []
    for package in CORE_PACKAGES:
        path = ROOT / package.replace(".", "/")
        if path.is_dir():
            modules += [
                ".".join(p.relative_to(ROOT).with_suffix("").parts)
                for p in sorted(path.rglob("*.py"))
                if p.name != "__main__.py"
            ]
        else:
            modules.append(package)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name.removesuffix('.__init__'))\n"
        "leaked = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(leaked))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert len(modules) > 5
    assert done.stdout.strip() == "", f"core imported Django: {done.stdout}"


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", text, flags=re.M))
    declared = {s.name for s in config.SETTINGS}
    assert declared == documented


def test_every_command_is_documented_in_the_readme() -> None:
    from joinedup.cli.main import cli

    readme = (ROOT / "README.md").read_text()
    missing = [name for name in cli.commands if f"joinedup {name}" not in readme]
    assert missing == []


def test_changelog_has_an_unreleased_section() -> None:
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text()
