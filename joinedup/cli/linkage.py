"""`joinedup link`, `joinedup review` and `joinedup link-file`.

`--engine spark` scores the pairs on Splink's Spark backend (docs/scale.md); it needs
pyspark (the `spark` extra) and Java 17 or later, and says so when either is missing.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click
from rich.console import Console

from joinedup import config
from joinedup.cli.review import review
from joinedup.errors import ConfigurationError, InputError

if TYPE_CHECKING:
    from joinedup.linkage.engines import Engine
    from joinedup.linkage.pipeline import LinkFileResult

__all__ = ["ENGINES", "link", "link_file_command", "require_engine", "review"]

console = Console(highlight=False)
ENGINES = ("duckdb", "spark")  # joinedup.linkage.engines.ENGINES, without importing Splink
MINIMUM_JAVA = 17

threshold_option = click.option(
    "--threshold",
    type=click.FloatRange(0.5, 0.999),
    default=0.9,
    show_default=True,
    help="Probability at which two records are taken to be one person.",
)
model_option = click.option(
    "--model",
    "model_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A trained model file [default: the shipped model].",
)
engine_option = click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="duckdb",
    show_default=True,
    help="Where pairs are scored: DuckDB on this machine, or Splink's Spark backend "
    "(a local Spark; needs pyspark and Java 17+, see docs/scale.md).",
)


def require_engine(engine: str) -> None:
    """ConfigurationError, saying what to install, when `engine` cannot run here."""
    if engine != "spark":
        return
    if importlib.util.find_spec("pyspark") is None:
        raise ConfigurationError(
            "--engine spark needs pyspark 4.1 or later, which is not installed: install "
            "joinedup's `spark` extra (docs/scale.md)"
        )
    java = _java()
    if java is None:
        raise ConfigurationError(
            f"--engine spark needs Java {MINIMUM_JAVA} or later: no `java` on PATH or in "
            "JAVA_HOME (docs/scale.md)"
        )
    version = _java_version(java)
    if version is not None and version < MINIMUM_JAVA:
        raise ConfigurationError(
            f"--engine spark needs Java {MINIMUM_JAVA} or later; {java} is Java {version}"
        )


def _java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def _java_version(java: str) -> int | None:
    """The major version `java -version` reports ('1.8.0' is 8), None if it says none."""
    try:
        done = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    if found is None:
        return None
    major = int(found[1])
    return int(found[2] or 0) if major == 1 else major


@click.command()
@threshold_option
@click.option(
    "--review-from",
    type=click.FloatRange(0.01, 0.999),
    default=0.5,
    show_default=True,
    help="Pairs from here up to the threshold go for review.",
)
@model_option
@engine_option
def link(
    threshold: float, review_from: float, model_path: Path | None, engine: str = "duckdb"
) -> None:
    """Link every agency's person records into persons, obeying review decisions."""
    require_engine(engine)
    from joinedup.web.bootstrap import setup_django

    setup_django()
    from joinedup.web.people.linking import link_everyone

    with console.status("Linking …") as status:
        result = link_everyone(
            config.current_user(),
            threshold,
            review_from,
            model_path,
            progress=lambda step: status.update(f"Linking: {step}"),
            engine=cast("Engine", engine),
        )
    run = result.run
    console.print(
        f"Run {run.pk}: {run.records:,} records → {run.persons:,} persons "
        f"({run.pairs_scored:,} pairs scored at ≥ {run.summary['pairs_scored_from']} on "
        f"{run.engine}); person IDs kept {run.summary['kept']:,}, new "
        f"{run.summary['new']:,}, merged {run.summary['merged']:,}, split "
        f"{run.summary['split']:,}; {run.review_pairs.count():,} pairs to review",
        soft_wrap=True,
    )
    if run.summary["unlinkable"]:
        console.print(
            f"[yellow]{run.summary['unlinkable']:,} record(s) have nothing to link on (no "
            "name, date of birth or identifier) and each keeps a person of its own.[/]",
            soft_wrap=True,
        )
    console.print("Imports from now on link their person records as they arrive.")


@click.command("link-file")
@click.argument("people", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--out",
    "out_clusters",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="CLUSTERS.csv: record_id,person_id for every record.",
)
@click.option(
    "--pairs",
    "out_pairs",
    type=click.Path(path_type=Path, dir_okay=False),
    help="PAIRS.csv: scored pairs at or above the threshold.",
)
@threshold_option
@model_option
@engine_option
def link_file_command(people: Path, out_clusters: Path, out_pairs: Path | None,
                      threshold: float, model_path: Path | None, engine: str) -> None:  # fmt: skip
    """Link a person file (CSV or Parquet) with no database: record_id → person_id."""
    require_engine(engine)
    from joinedup.linkage.pipeline import link_file

    with console.status(f"Linking on {engine} …"):
        if engine == "spark":
            result = _link_file_on_spark(people, out_clusters, out_pairs, threshold, model_path)
        else:
            result = link_file(people, out_clusters, out_pairs, threshold, model_path)
    console.print(
        f"{result.records:,} records → {result.persons:,} persons; "
        f"{result.pairs:,} pairs; model {result.model_version}",
        soft_wrap=True,
    )
    if result.unlinkable_record_ids:
        shown = ", ".join(result.unlinkable_record_ids[:20])
        console.print(
            f"[yellow]{len(result.unlinkable_record_ids)} record(s) have nothing to "
            f"link on (no name, date of birth or identifier) and were not guessed "
            f"at:[/] {shown}",
            soft_wrap=True,
        )


def _link_file_on_spark(
    people: Path, out_clusters: Path, out_pairs: Path | None, threshold: float,
    model_path: Path | None,
) -> LinkFileResult:  # fmt: skip
    """`pipeline.link_file` with the pairs scored on Spark; the same outputs."""
    import pyarrow.compute as pc
    import pyarrow.csv as pa_csv

    from joinedup.linkage.components import VETO_BELOW, cluster_pairs
    from joinedup.linkage.engines import predict_pairs_with_engine
    from joinedup.linkage.features import features_table
    from joinedup.linkage.model import load_model
    from joinedup.linkage.people_file import read_people_file
    from joinedup.linkage.pipeline import DEFAULT_MODEL_PATH, LinkFileResult

    records = read_people_file(people)
    model = load_model(model_path or DEFAULT_MODEL_PATH)
    scored = predict_pairs_with_engine(records, model, min(VETO_BELOW, threshold), "spark")
    ids = [str(i) for i in records.column("record_id").to_pylist()]
    try:
        clusters = cluster_pairs(ids, scored, threshold)
    except ValueError as error:
        raise InputError(f"{people}: {error}") from error
    pairs = scored.filter(pc.field("match_probability") >= threshold)
    features = features_table(records)
    unlinkable = features.filter(pc.invert(features.column("linkable"))).column("record_id")
    outputs = [(clusters, out_clusters), *([(pairs, out_pairs)] if out_pairs else [])]
    partials = [(target.with_name(target.name + ".partial"), target) for _, target in outputs]
    for (table, _), (partial, _) in zip(outputs, partials, strict=True):
        pa_csv.write_csv(table, partial, write_options=pa_csv.WriteOptions(quoting_style="needed"))
    for partial, target in partials:
        partial.replace(target)
    return LinkFileResult(
        records.num_rows, len(set(clusters.column("person_id").to_pylist())), pairs.num_rows,
        tuple(sorted(str(r) for r in unlinkable.to_pylist())), model.model_version,
    )  # fmt: skip
