"""A trained person model, saved as one versioned JSON file.

The file holds the trained Splink settings (comparisons, m and u probabilities,
blocking rules), the calibration map, and how many true matches a record has on average
in the data it was trained on (`matches_per_record`), so that the prior
"probability two random records match" can be rescaled for a table of another size:
with N records it is 2 * matches_per_record / (N - 1).

    {"format": "joinedup-person-model", "format_version": 1, "model_version": "...",
     "splink_version": "5.0.0", "created": "...", "matches_per_record": 1.8,
     "trained_on": {...}, "calibration": {...} or null, "splink_settings": {...}}

A file that is not JSON, is another kind of file, has a newer format version or
settings Splink cannot read raises InputError naming the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import splink
from splink import SettingsCreator

from joinedup.errors import InputError
from joinedup.linkage.calibration import Calibration

__all__ = ["FORMAT", "FORMAT_VERSION", "LinkageModel", "load_model", "save_model"]

FORMAT = "joinedup-person-model"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class LinkageModel:
    """Trained Splink settings plus what joinedup needs to apply them anywhere."""

    splink_settings: dict[str, Any]
    matches_per_record: float
    model_version: str
    calibration: Calibration | None = None
    trained_on: dict[str, Any] = field(default_factory=dict)
    created: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    def prior_for(self, record_count: int) -> float:
        """Probability two random records match in a table of `record_count` records."""
        if record_count < 2:
            return 0.5
        return min(0.5, 2.0 * self.matches_per_record / (record_count - 1))

    def with_calibration(self, calibration: Calibration | None) -> LinkageModel:
        return replace(self, calibration=calibration)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "model_version": self.model_version,
            "splink_version": splink.__version__,
            "created": self.created,
            "matches_per_record": self.matches_per_record,
            "trained_on": self.trained_on,
            "calibration": self.calibration.to_dict() if self.calibration else None,
            "splink_settings": self.splink_settings,
        }


def save_model(model: LinkageModel, path: str | Path) -> Path:
    """Write `model` to `path` as JSON (written whole, then renamed into place)."""
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(json.dumps(model.to_dict(), indent=1), encoding="utf-8")
    partial.replace(target)
    return target


def load_model(path: str | Path) -> LinkageModel:
    """Read a model saved by `save_model`; InputError naming the file if it cannot."""
    source = Path(path)
    data = _read_json(source)
    _check_format(source, data)
    try:
        model = _model_from_dict(data)
        SettingsCreator.from_path_or_dict(model.splink_settings).get_settings("duckdb")
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InputError(f"{source}: not a usable person model: {error!r}") from error
    return model


def _read_json(source: Path) -> dict[str, Any]:
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise InputError(f"{source}: model file not found") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{source}: model file is not valid JSON ({error})") from error
    if not isinstance(data, dict):
        raise InputError(f"{source}: model file should hold a JSON object")
    return data


def _check_format(source: Path, data: dict[str, Any]) -> None:
    if data.get("format") != FORMAT:
        raise InputError(f"{source}: not a joinedup person model (format {FORMAT!r} expected)")
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise InputError(
            f"{source}: model format version {version!r} is not supported "
            f"(this joinedup reads up to {FORMAT_VERSION}); retrain or upgrade joinedup"
        )


def _model_from_dict(data: dict[str, Any]) -> LinkageModel:
    calibration = data.get("calibration")
    return LinkageModel(
        splink_settings=dict(data["splink_settings"]),
        matches_per_record=float(data["matches_per_record"]),
        model_version=str(data["model_version"]),
        calibration=Calibration.from_dict(calibration) if calibration else None,
        trained_on=dict(data.get("trained_on") or {}),
        created=str(data.get("created", "")),
    )
