"""Response headers Django's SecurityMiddleware does not set.

Content-Security-Policy comes from django-csp (settings.CONTENT_SECURITY_POLICY);
Referrer-Policy, Cross-Origin-Opener-Policy, X-Content-Type-Options, HSTS and
X-Frame-Options come from Django's own settings. This middleware adds the rest:

- Permissions-Policy: no page here needs the camera, microphone, location,
  payment or other powerful browser features, so all are switched off.
- Cross-Origin-Resource-Policy: our responses are for our own pages only.
- Cache-Control: pages can show personal data, so browsers and proxies must not
  store them (OWASP ASVS 4.0.3 8.2.1). Static files never reach this middleware
  (WhiteNoise answers them first) and keep their own caching headers.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

__all__ = ["PERMISSIONS_POLICY", "SecurityHeadersMiddleware"]

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Cache-Control", "no-store")
        return response
