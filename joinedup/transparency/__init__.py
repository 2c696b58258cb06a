"""Public figures for the partnership: what each counts, the tables it is published in,
protected together under a disclosure-control profile, charts, and the export other areas
load to compare. Imports no Django; the web app (joinedup.web.transparency) counts from the
system of record and stores publications. See docs/transparency.md.
"""

from __future__ import annotations

from joinedup.transparency.chart import bar_chart_svg
from joinedup.transparency.definitions import Figure, FigureSet, TableSpec, Variable, load_figures
from joinedup.transparency.export import (
    AreaExport,
    ComparedCell,
    ExportedTable,
    compare_areas,
    load_area_export,
    write_area_export,
)
from joinedup.transparency.periods import FinancialYear, financial_year_of
from joinedup.transparency.publishing import (
    protect_tables,
    published_table_from_data,
    published_table_to_data,
    reason_to_data,
)
from joinedup.transparency.tables import TOTAL, count_tables, table_name

__all__ = [
    "TOTAL",
    "AreaExport",
    "ComparedCell",
    "ExportedTable",
    "Figure",
    "FigureSet",
    "FinancialYear",
    "TableSpec",
    "Variable",
    "bar_chart_svg",
    "compare_areas",
    "count_tables",
    "financial_year_of",
    "load_area_export",
    "load_figures",
    "protect_tables",
    "published_table_from_data",
    "published_table_to_data",
    "reason_to_data",
    "table_name",
    "write_area_export",
]
