"""What every page's layout needs: the service navigation for the signed-in user."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

__all__ = ["NAVIGATION", "NavigationItem", "layout", "navigation_for"]


@dataclass(frozen=True, slots=True)
class NavigationItem:
    label: str
    url_name: str
    capability: str | tuple[str, ...] | None  # any one of them; None: every signed-in user


@dataclass(frozen=True, slots=True)
class NavigationLink:
    label: str
    href: str
    current: bool


NAVIGATION: tuple[NavigationItem, ...] = (
    NavigationItem("Dashboard", "home:overview", None),
    NavigationItem("Search", "people:search", "view_children"),
    NavigationItem("Front door", "frontdoor:index", "make_referrals"),
    NavigationItem("Cases", "cases:list", "work_cases"),
    NavigationItem("MACE", "meetings:list", "attend_meetings"),
    NavigationItem("Intelligence", "intelligence:log", "log_intelligence"),
    NavigationItem("Sharing decisions", "sharing:register", "record_sharing_decisions"),
    NavigationItem("Recommendations", "recommendations:index", None),
    NavigationItem("Review links", "reviews:queue", "review_links"),
    NavigationItem("Records held", "home:records", None),
    NavigationItem("Retention", "retention:index", ("manage_retention", "place_legal_holds")),
    NavigationItem("Audit", "audit:index", "view_audit"),
    NavigationItem("Administration", "admin:index", "administer"),
    NavigationItem("Publish figures", "transparency:index", "publish_statistics"),
    # The independent inquiry (issue 7): its staff, core participants, the survivors' panel
    NavigationItem("Inquiry", "inquiry:index", "inquiry_work"),
    NavigationItem("Documents", "documents:index", "inquiry_work"),
    NavigationItem("Redaction", "redaction:index", "inquiry_work"),
    NavigationItem("Accounts", "survivors:index", "inquiry_work"),
    NavigationItem("Themes", "themes:index", "inquiry_work"),
    NavigationItem("Released documents", "released:index", "read_released_documents"),
    NavigationItem("Survivors' panel", "panel:index", "take_part_in_panel"),
    NavigationItem("Inquiry audit", "audit:inquiry", "inquiry_work"),
)


def layout(request: HttpRequest) -> dict[str, object]:
    return {"service_navigation": navigation_for(request)}


def navigation_for(request: HttpRequest) -> list[NavigationLink]:
    """The links this user's role may use, skipping pages not built yet."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    links = []
    for item in NAVIGATION:
        if not _may_use(user, item.capability) or not _within_areas(user, item.url_name):
            continue
        try:
            href = reverse(item.url_name)
        except NoReverseMatch:
            continue
        links.append(NavigationLink(item.label, href, _is_current(request.path, href)))
    return links


def _may_use(user: object, capability: str | tuple[str, ...] | None) -> bool:
    from joinedup.web.access.services import has_capability

    if capability is None:
        return True
    wanted = (capability,) if isinstance(capability, str) else capability
    return any(has_capability(user, c) for c in wanted)


def _within_areas(user: object, url_name: str) -> bool:
    """Roles from outside the partnership are offered only their own areas."""
    from joinedup.web.access.areas import may_reach

    namespace, _, name = url_name.rpartition(":")
    return may_reach(str(getattr(user, "role", "")), namespace, name)


def _is_current(path: str, href: str) -> bool:
    return path == href if href == "/" else path.startswith(href)
