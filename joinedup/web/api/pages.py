"""Pagination of lists: `page` (from 1) and `page_size`; each answer says `count` and `pages`.

A page past the last is empty, not an error, so a client can stop at the first empty
page or at `pages`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Protocol, TypeVar

from ninja import Field, Schema

__all__ = ["DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE", "PageOut", "PageParams", "page_of"]

DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 50, 500
Item = TypeVar("Item", covariant=True)


class Sliceable(Protocol[Item]):
    """A list, a tuple or a QuerySet: anything cut into pages with a slice."""

    def __getitem__(self, index: slice, /) -> Iterable[Item]: ...


class PageParams(Schema):
    page: int = Field(1, ge=1, description="Which page, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items on a page (at most 500)."
    )


class PageOut(Schema):
    count: int = Field(description="Items on every page together.")
    page: int
    page_size: int
    pages: int


def page_of(items: Sliceable[Item], count: int, params: PageParams) -> tuple[list[Item], PageOut]:
    """The `count` items' page asked for (a list or a QuerySet), and where that page is."""
    start = (params.page - 1) * params.page_size
    info = PageOut(
        count=count,
        page=params.page,
        page_size=params.page_size,
        pages=math.ceil(count / params.page_size),
    )
    return list(items[start : start + params.page_size]), info
