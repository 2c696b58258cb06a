from __future__ import annotations

import json
from pathlib import Path

import pytest

from joinedup.errors import InputError
from joinedup.linkage.calibration import Calibration
from joinedup.linkage.model import LinkageModel, load_model, save_model


def test_save_then_load_gives_the_same_model(shipped_model: LinkageModel, tmp_path: Path) -> None:
    path = save_model(shipped_model, tmp_path / "model.json")
    loaded = load_model(path)
    assert loaded.to_dict() == shipped_model.to_dict()


def test_prior_rescales_with_table_size(shipped_model: LinkageModel) -> None:
    assert shipped_model.prior_for(1001) == pytest.approx(
        2 * shipped_model.matches_per_record / 1000
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        (json.dumps({"format": "something-else"}), "not a joinedup person model"),
        (json.dumps({"format": "joinedup-person-model", "format_version": 99}), "version 99"),
        (json.dumps({"format": "joinedup-person-model", "format_version": 1}), "not a usable"),
    ],
)
def test_a_bad_model_file_is_an_input_error_naming_it(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "broken-model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as raised:
        load_model(path)
    assert "broken-model.json" in str(raised.value)


def test_a_missing_model_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_model(tmp_path / "absent.json")


def test_calibration_round_trips_and_inverts() -> None:
    calibration = Calibration((-5.0, 0.0, 5.0), (0.01, 0.4, 0.99))
    assert Calibration.from_dict(calibration.to_dict()) == calibration
    weight = calibration.weight_for_probability(0.9)
    assert calibration.probability([weight])[0] == pytest.approx(0.9)
