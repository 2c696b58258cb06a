"""The permission matrix's rows, one module per page area.

`tests/web/test_permission_matrix.py` holds the matrix for the pages of issue 5 and
merges in every other module of this package. A module adds the rows for its app's
pages with any of these names (all optional):

- `PAGES`: url name -> one outcome per column of `common.COLUMNS` (anonymous first);
- `POSTED`: url names the matrix POSTs to instead of GETting;
- `PAGE_ARGS`: url name -> {URL keyword: a fixed value, or the name of an object that
  `make_objects` makes};
- `make_objects(borough, make_user) -> {name: primary key}`: the objects its URLs need,
  made afresh for each test of one of ITS pages (before the role's own user exists, so
  they belong to someone else); a module's pages may rely only on its own objects;
- `RECORD_PAGES`: as in the main module, for pages of one child's record.

Every name must be new: two modules giving a row to one page is an error.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

__all__ = ["Contributions", "contributions"]


@dataclass
class Contributions:
    pages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    record_pages: dict[str, dict[str, str]] = field(default_factory=dict)
    posted: set[str] = field(default_factory=set)
    page_args: dict[str, dict[str, str]] = field(default_factory=dict)
    maker_of: dict[str, Callable[..., dict[str, str]]] = field(default_factory=dict)
    """page name -> the `make_objects` of the module that gave its row"""


def _modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name)
        if info.name != "common"
    ]


def _merge(into: dict[str, Any], more: dict[str, Any], module: str) -> None:
    twice = set(into) & set(more)
    if twice:
        raise ValueError(f"{module}: rows already in the matrix: {sorted(twice)}")
    into.update(more)


def contributions() -> Contributions:
    found = Contributions()
    for module in _modules():
        _merge(found.pages, getattr(module, "PAGES", {}), module.__name__)
        _merge(found.record_pages, getattr(module, "RECORD_PAGES", {}), module.__name__)
        _merge(found.page_args, getattr(module, "PAGE_ARGS", {}), module.__name__)
        found.posted |= set(getattr(module, "POSTED", set()))
        if hasattr(module, "make_objects"):
            for name in getattr(module, "PAGES", {}):
                found.maker_of[name] = module.make_objects
    return found
