"""The published figures and their breakdowns, from `data/figures.yaml` and
`data/breakdowns.yaml`: what each figure counts, where from, and the categories of every
breakdown in the order they are shown."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from joinedup.errors import ConfigurationError

__all__ = [
    "BREAKDOWNS_FILE",
    "FIGURES_FILE",
    "Band",
    "Figure",
    "FigureSet",
    "TableSpec",
    "Variable",
    "load_figures",
]

DATA = Path(__file__).resolve().parent / "data"
FIGURES_FILE = DATA / "figures.yaml"
BREAKDOWNS_FILE = DATA / "breakdowns.yaml"
FIGURE_ID = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True, slots=True)
class Band:
    label: str
    low: int
    high: int | None


@dataclass(frozen=True)
class Variable:
    """A breakdown: its categories in order, and the record codes each gathers."""

    name: str
    title: str
    source: str
    categories: tuple[str, ...]
    codes: Mapping[str, str]  # record code -> category
    bands: tuple[Band, ...] = ()

    def category_of(self, code: str) -> str:
        """The category a record's code falls in; unknown codes are 'Not known'."""
        return self.codes.get(code, self.codes.get("not_known", self.categories[-1]))

    def band_of(self, age: int | None) -> str:
        """The age band of `age` in whole years (None: not known)."""
        for band in self.bands:
            if age is not None and band.low <= age and (band.high is None or age <= band.high):
                return band.label
        return self.categories[-1]


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One published table of a figure: its row variables and, optionally, a variable
    that breaks the count columns down (then there is a Total column, no Total row)."""

    rows: tuple[str, ...]
    columns: str | None = None

    @property
    def slug(self) -> str:
        """'by-sex', 'by-sex-and-ethnic-group', 'age-recording': names the table and its CSV."""
        if self.columns:
            return self.columns.replace("_", "-")
        return "by-" + "-and-".join(v.replace("_", "-") for v in self.rows)


@dataclass(frozen=True)
class Figure:
    id: str
    title: str
    column: str
    unit: str
    definition: str
    source: tuple[str, ...]
    tables: tuple[TableSpec, ...]

    @property
    def has_headline(self) -> bool:
        """Whether the first table has a Total row: the figure's single headline count."""
        return self.tables[0].columns is None


@dataclass(frozen=True)
class FigureSet:
    version: int
    breakdowns_version: int
    figures: tuple[Figure, ...]
    variables: Mapping[str, Variable]

    def figure(self, figure_id: str) -> Figure:
        for figure in self.figures:
            if figure.id == figure_id:
                return figure
        raise KeyError(figure_id)

    @property
    def id(self) -> str:
        """'figures v1, breakdowns v1': recorded with every publication."""
        return f"figures v{self.version}, breakdowns v{self.breakdowns_version}"


@cache
def load_figures(
    figures_file: Path = FIGURES_FILE, breakdowns_file: Path = BREAKDOWNS_FILE
) -> FigureSet:
    """The figures and breakdowns; ConfigurationError naming the file and key if bad."""
    raw_variables = _read(breakdowns_file)
    variables = {
        name: _variable(breakdowns_file, name, spec)
        for name, spec in _mapping(breakdowns_file, raw_variables, "variables").items()
    }
    raw = _read(figures_file)
    figures = tuple(
        _figure(figures_file, n, spec, variables)
        for n, spec in enumerate(_list(figures_file, raw, "figures"))
    )
    ids = [f.id for f in figures]
    for n, figure_id in enumerate(ids):
        if figure_id in ids[:n]:
            raise ConfigurationError(f"{figures_file}: figures[{n}].id: {figure_id!r} used twice")
    return FigureSet(
        _version(figures_file, raw), _version(breakdowns_file, raw_variables), figures, variables
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConfigurationError(f"{path}: cannot be read as YAML ({error})") from error
    if not isinstance(loaded, dict):
        raise ConfigurationError(f"{path}: expected a mapping with 'version'")
    return loaded


def _version(path: Path, raw: Mapping[str, Any]) -> int:
    version = raw.get("version")
    if not isinstance(version, int) or version < 1:
        raise ConfigurationError(f"{path}: version: expected a whole number from 1")
    return version


def _mapping(path: Path, raw: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict) or not value:
        raise ConfigurationError(f"{path}: {key}: expected a mapping")
    return value


def _list(path: Path, raw: Mapping[str, Any], key: str) -> list[Any]:
    value = raw.get(key)
    if not isinstance(value, list) or not value:
        raise ConfigurationError(f"{path}: {key}: expected a list")
    return value


def _variable(path: Path, name: str, spec: Any) -> Variable:
    where = f"{path}: variables.{name}"
    if not isinstance(spec, dict) or not spec.get("title") or not spec.get("source"):
        raise ConfigurationError(f"{where}: expected title, source and categories or bands")
    if "bands" in spec:
        bands = tuple(
            Band(str(b["label"]), int(b["from"]), None if b["to"] is None else int(b["to"]))
            for b in spec["bands"]
        )
        labels = (*(b.label for b in bands), str(spec.get("not_known", "Not known")))
        return Variable(name, spec["title"], spec["source"], labels, {}, bands)
    categories = spec.get("categories")
    if not isinstance(categories, dict) or not categories:
        raise ConfigurationError(f"{where}.categories: expected category: [codes]")
    codes: dict[str, str] = {}
    for category, members in categories.items():
        if not isinstance(members, list) or not members:
            raise ConfigurationError(f"{where}.categories.{category}: expected a list of codes")
        for code in members:
            if code in codes:
                raise ConfigurationError(f"{where}.categories.{category}: {code!r} used twice")
            codes[str(code)] = str(category)
    return Variable(name, spec["title"], spec["source"], tuple(map(str, categories)), codes)


def _figure(path: Path, n: int, spec: Any, variables: Mapping[str, Variable]) -> Figure:
    where = f"{path}: figures[{n}]"
    needed = ("id", "title", "column", "unit", "definition", "source", "tables")
    if not isinstance(spec, dict) or any(not spec.get(k) for k in needed):
        raise ConfigurationError(f"{where}: expected {', '.join(needed)}")
    if not FIGURE_ID.fullmatch(str(spec["id"])):
        raise ConfigurationError(f"{where}.id: expected lower-case letters, digits and _")
    tables = []
    for t, table in enumerate(spec["tables"]):
        rows = tuple(table.get("rows") or ()) if isinstance(table, dict) else ()
        columns = table.get("columns") if isinstance(table, dict) else None
        unknown = [v for v in (*rows, *([columns] if columns else [])) if v not in variables]
        if not rows or unknown:
            raise ConfigurationError(
                f"{where}.tables[{t}]: expected rows (and columns) from {sorted(variables)}"
                + (f"; unknown: {', '.join(unknown)}" if unknown else "")
            )
        tables.append(TableSpec(rows, columns))
    return Figure(
        id=str(spec["id"]),
        title=str(spec["title"]),
        column=str(spec["column"]),
        unit=str(spec["unit"]),
        definition=" ".join(str(spec["definition"]).split()),
        source=tuple(str(s) for s in spec["source"]),
        tables=tuple(tables),
    )
