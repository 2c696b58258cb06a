"""Counts per agency and record kind, and the import batches (for `status` and the home page)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from joinedup.web.records import models as m

KINDS = (
    ("person", m.SourcePerson),
    ("event", m.Event),
    ("place", m.Place),
    ("vehicle", m.Vehicle),
    ("phone", m.Phone),
    ("organisation", m.Organisation),
)


def database_status() -> dict[str, Any]:
    counts: dict[int, dict[str, int]] = {}
    for kind, model in KINDS:
        for row in model.objects.values("agency_id").annotate(n=Count("id")):
            counts.setdefault(row["agency_id"], {})[kind] = row["n"]
    agencies: list[dict[str, Any]] = [
        {
            "code": a.code,
            "name": a.name,
            "kind": a.get_kind_display(),
            "counts": {k: counts.get(a.pk, {}).get(k, 0) for k, _ in KINDS},
        }
        for a in m.Agency.objects.all()
    ]
    batches = [
        {
            "id": b.pk,
            "agency": b.agency.code,
            "imported_by": b.imported_by,
            "started_at": b.started_at.isoformat(),
            "finished_at": b.finished_at.isoformat(),
            "finished": b.finished_at,
            "rows_read": b.rows_read,
            "created": b.created,
            "changed": b.changed,
            "unchanged": b.unchanged,
            "skipped": b.skipped,
            "files": [{"name": f["name"], "sha256": f["sha256"]} for f in b.files],
        }
        for b in m.ImportBatch.objects.select_related("agency")
    ]
    totals = {k: sum(a["counts"][k] for a in agencies) for k, _ in KINDS}
    return {
        "kinds": [k for k, _ in KINDS],
        "agencies": agencies,
        "batches": batches,
        "totals": totals,
    }
