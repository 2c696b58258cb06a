"""A chronology as a PDF for a MACE paper or a court bundle, through WeasyPrint.

The HTML comes from `templates/chronology.html` (string.Template; every value is
HTML-escaped here) and the page layout from `templates/chronology.css`: A4 landscape, a
running header with the title, subject, handling marking and purpose, "Produced by"
and "Page N of M" in the footer. Gap rows are shaded and labelled GAP; turning points
and strengths are marked in words, not only by colour or rule.

WeasyPrint needs Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
and a sans font (fonts-dejavu-core); it is imported only when a PDF is written.
"""

from __future__ import annotations

from html import escape
from importlib import resources
from pathlib import Path
from string import Template

from joinedup.chronology.entries import Chronology, ChronologyEntry
from joinedup.chronology.header import Production, header_fields
from joinedup.chronology.turning import STRENGTH, flag_label

__all__ = ["render_html", "write_pdf"]

_TEMPLATES = resources.files("joinedup.chronology").joinpath("templates")
_NOT_MARKED = frozenset({"gap", "birth"})


def render_html(chronology: Chronology, production: Production) -> str:
    """The whole document as HTML, ready for WeasyPrint (or a browser)."""
    template = Template(_TEMPLATES.joinpath("chronology.html").read_text("utf-8"))
    return template.substitute(
        title=escape(chronology.title),
        subject_label=escape(chronology.subject.label),
        subject=escape(chronology.subject.describe()),
        produced_by=escape(production.produced_by),
        produced_at=escape(production.produced_at_display()),
        purpose=escape(production.purpose),
        marking=escape(production.marking),
        header_rows="\n".join(_header_row(k, v) for k, v in header_fields(chronology, production)),
        sharing_items="\n".join(f"<li>{escape(s)}</li>" for s in chronology.sharing_statement()),
        rows="\n".join(_entry_row(e) for e in chronology.entries),
        entry_count=str(len(chronology.entries)),
    )


def write_pdf(chronology: Chronology, path: Path, production: Production) -> int:
    """Write the PDF; returns its number of pages."""
    from weasyprint import CSS, HTML

    stylesheet = CSS(string=_TEMPLATES.joinpath("chronology.css").read_text("utf-8"))
    document = HTML(string=render_html(chronology, production)).render(stylesheets=[stylesheet])
    document.write_pdf(path)
    return len(document.pages)


def _header_row(name: str, value: str) -> str:
    css = ' class="purpose"' if name == "Purpose" else ""
    return f"<dt>{escape(name)}</dt><dd{css}>{escape(value)}</dd>"


def _entry_row(entry: ChronologyEntry) -> str:
    marked = [f for f in entry.flags if f not in _NOT_MARKED]
    classes = " ".join([entry.kind] + (["turning"] if marked else []))
    if entry.kind == "gap":
        return (f'<tr class="{classes}"><td>{escape(entry.when.display)}</td><td></td>'
                f'<td>GAP</td><td colspan="4">{escape(entry.summary)}</td></tr>')  # fmt: skip
    cells = [
        escape(entry.when.display),
        escape(entry.agency),
        escape(entry.event_type_label),
        _what_happened(entry, marked),
        escape(entry.place or ""),
        "<br>".join(escape(p.display()) for p in entry.people),
        _source(entry),
    ]
    return f'<tr class="{classes}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _what_happened(entry: ChronologyEntry, marked: list[str]) -> str:
    marks = [_mark(kind) for kind in marked]
    text = escape(entry.summary)
    if entry.narrative:
        text += (f'<span class="narrative"><span class="narrative-label">Restricted '
                 f"narrative: </span>{escape(entry.narrative)}</span>")  # fmt: skip
    return "".join(marks) + text


def _mark(kind: str) -> str:
    if kind == STRENGTH:
        return f'<span class="mark">&#10010; STRENGTH: {escape(flag_label(kind))}</span>'
    return f'<span class="mark">&#9650; TURNING POINT: {escape(flag_label(kind))}</span>'


def _source(entry: ChronologyEntry) -> str:
    parts = [escape(entry.source_record or "Linked records")]
    if entry.sensitivity and entry.sensitivity != "standard":
        parts.append(f'<span class="meta">{escape(entry.sensitivity.replace("_", " "))}</span>')
    if entry.grade:
        parts.append(f'<span class="meta">Grade {escape(entry.grade)}</span>')
    return "".join(parts)
