"""The API itself: /api/v1/, every operation behind a bearer token, errors as JSON.

The OpenAPI document is at /api/v1/openapi.json and a docs page at /api/v1/docs. Both
describe the interface and hold no data, so they are open like the accessibility
statement. The docs page is Swagger UI from django-ninja's own package, served from
/static/ninja/, never a CDN; its stylesheet draws its icons as data: images, so that
one page also allows `img-src data:`. Nothing else about our policy changes for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from csp.decorators import csp_update
from ninja import NinjaAPI, Swagger

from joinedup.web.api import chronology, network, people, reviews, screening
from joinedup.web.api.auth import BearerToken
from joinedup.web.api.errors import install_error_handlers

__all__ = ["api"]

DESCRIPTION = """\
The same services, permissions and audit as joinedup's pages, for programs.

Authenticate every request with an API token: `Authorization: Bearer jdu_...`. Make one on
your account page (/account/api-tokens/) or ask an administrator (`joinedup users token
create`). A token acts as its user: the same role, allocation and sharing agreement.

Every request for a person's record names its purpose (`purpose`), as the purpose page
asks; each is audited. Errors are JSON: `{"code": ..., "detail": ...}`. See docs/api.md.
"""


def _docs_page(view: Callable[..., Any]) -> Callable[..., Any]:
    return csp_update({"img-src": ["data:"]})(view)


api = NinjaAPI(
    title="joinedup API",
    version="1",
    description=DESCRIPTION,
    auth=BearerToken(),
    urls_namespace="api",
    docs=Swagger(settings={"validatorUrl": None, "tryItOutEnabled": False}),
    docs_url="/docs",
    docs_decorator=_docs_page,
)
install_error_handlers(api)
for module in (people, chronology, screening, network, reviews):
    api.add_router("", module.router)
