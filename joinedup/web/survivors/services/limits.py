"""Simple limits per address, counted in the cache (never stored in the database).

The address is kept only as a keyed hash, for an hour, so the limit itself cannot
become a record of who visited.

The counts live in Django's default cache, which is the process's memory: `joinedup
serve` is one waitress process with threads, so every request sees the same counts.
Behind several processes, set a shared cache (`CACHES`, e.g. Redis or the database).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

__all__ = ["WINDOW_SECONDS", "count_attempt", "over_limit"]

WINDOW_SECONDS = 3600


def _key(what: str, request: HttpRequest) -> str:
    address = str(request.META.get("REMOTE_ADDR") or "")
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return f"survivors:{what}:{digest.hexdigest()[:32]}"


def over_limit(what: str, request: HttpRequest, allowed: int) -> bool:
    return int(cache.get(_key(what, request), 0)) >= allowed


def count_attempt(what: str, request: HttpRequest) -> None:
    key = _key(what, request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS)
