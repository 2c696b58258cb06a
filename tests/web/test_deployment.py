"""The production settings: `check --deploy` is clean, HTTPS is enforced, no secret is committed.

Settings are read once per process, so each production check runs in a subprocess
with JOINEDUP_ENV=production.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOINEDUP_")}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="joinedup.web.settings",
        JOINEDUP_DATA_DIR=str(tmp_path),
        JOINEDUP_ALLOWED_HOSTS="joinedup.example.org,testserver",
    )
    return env


def _run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**_run_env(tmp_path), **env},
    )


def test_check_deploy_is_clean_in_production(tmp_path: Path) -> None:
    done = _run(
        ["-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        JOINEDUP_ENV="production",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_check_deploy_warns_in_development(tmp_path: Path) -> None:
    done = _run(["-m", "django", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert done.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr


def test_production_refuses_debug(tmp_path: Path) -> None:
    done = _run(["-m", "django", "check"], tmp_path, JOINEDUP_ENV="production", JOINEDUP_DEBUG="1")
    assert done.returncode != 0
    assert "JOINEDUP_DEBUG=1 is refused" in done.stderr


PRODUCTION_REQUESTS = """
import django
django.setup()
from django.test import Client
client = Client()
plain = client.get("/accessibility/")
print("plain", plain.status_code, plain.headers.get("Location"))
secure = client.get("/accessibility/", secure=True)
print("secure", secure.status_code)
print("hsts", secure.headers.get("Strict-Transport-Security"))
print("csp", secure.headers.get("Content-Security-Policy"))
proxied = client.get("/accessibility/", headers={"X-Forwarded-Proto": "https"})
print("proxied", proxied.status_code)
print("cookies", sorted(secure.cookies))
"""


def test_production_redirects_to_https_and_sends_hsts(tmp_path: Path) -> None:
    done = _run(
        ["-c", PRODUCTION_REQUESTS],
        tmp_path,
        JOINEDUP_ENV="production",
        JOINEDUP_HSTS_SECONDS="600",
    )
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    assert lines["plain"] == "301 https://testserver/accessibility/"
    assert lines["secure"] == "200"
    assert lines["hsts"] == "max-age=600; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in lines["csp"]
    # Without JOINEDUP_TRUSTED_PROXY a client cannot claim HTTPS with a header.
    assert lines["proxied"] == "301"


def test_behind_a_tls_proxy_x_forwarded_proto_is_trusted(tmp_path: Path) -> None:
    done = _run(
        ["-c", PRODUCTION_REQUESTS],
        tmp_path,
        JOINEDUP_ENV="production",
        JOINEDUP_TRUSTED_PROXY="127.0.0.1",
    )
    assert done.returncode == 0, done.stderr
    assert "proxied 200" in done.stdout.splitlines()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, proto: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"Host": "joinedup.example.org", "X-Forwarded-Proto": proto}
        connection.request("GET", "/accessibility/", headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


@pytest.mark.slow
@pytest.mark.parametrize("trusted_proxy", ["127.0.0.1", "10.9.9.9"])
def test_joinedup_serve_trusts_x_forwarded_proto_only_from_the_trusted_proxy(
    tmp_path: Path, trusted_proxy: str
) -> None:
    port = _free_port()
    start = "from joinedup.cli.main import main; main()"
    server = subprocess.Popen(
        [sys.executable, "-c", start, "serve", "--port", str(port)],
        env={
            **_run_env(tmp_path),
            "JOINEDUP_ENV": "production",
            "JOINEDUP_TRUSTED_PROXY": trusted_proxy,
        },
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(120):
            try:
                status, location = _get(port, "https")
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("joinedup serve did not start")
        if trusted_proxy == "127.0.0.1":  # the proxy is us
            assert (status, location) == (200, "")
            assert _get(port, "http") == (301, "https://joinedup.example.org/accessibility/")
        else:  # another peer claims HTTPS: waitress drops the header, Django redirects
            assert (status, location) == (301, "https://joinedup.example.org/accessibility/")
    finally:
        server.terminate()
        server.communicate(timeout=10)


def test_production_cookies_are_secure_and_host_only(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME)"
    )
    done = _run(["-c", code], tmp_path, JOINEDUP_ENV="production")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "True",
        "True",
        "True",
        "__Host-joinedup-session",
        "__Host-joinedup-csrf",
    ]


# What a committed secret looks like. Generated secrets live in the data folder
# (JOINEDUP_DATA_DIR, git-ignored); production keys come from the environment.
SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "Django secret key": re.compile(r"""SECRET_KEY\s*=\s*["'][^"']{20,}["']"""),
    "Fernet or signing key assignment": re.compile(
        r"""(?i)\b\w*(?:_KEY|_SECRET|PASSWORD)\s*=\s*["'][A-Za-z0-9+/_=-]{32,}["']"""
    ),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "URL with a password": re.compile(r"\b[a-z+]+://[^/\s:@]+:[^/\s@]{6,}@"),
}


def _repository_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    return [ROOT / name for name in listed.stdout.split("\0") if name]


def test_no_secret_is_in_the_repository() -> None:
    found = []
    for path in _repository_files():
        if not path.is_file() or path.suffix in {".png", ".pdf", ".svg", ".parquet", ".lock"}:
            continue
        if path.name in {"secret_key", ".env"} or path.suffix in {".pem", ".key"}:
            found.append(f"{path.relative_to(ROOT)}: a key file")
            continue
        text = path.read_text(errors="ignore")
        for name, pattern in SECRET_PATTERNS.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {name}")
    assert found == []


@pytest.mark.parametrize(
    "leak",
    [
        # Built from pieces so that this file does not trip its own test.
        "SECRET_KEY = 'k3j4h5g6f7d8s9a0" + "p1o2i3u4y5t6r7e8w9q0'",
        "-----BEGIN RSA " + "PRIVATE KEY-----",
        "postgres://joinedup:" + "hunter2hunter2@db/joinedup",
        "FIELD_ENCRYPTION_KEY = 'q83jf9sk2l1mz8x7" + "c6v5b4n3m2a1s9d8f7g6h5j4k3='",
    ],
)
def test_the_secret_patterns_catch_a_leak(leak: str) -> None:
    assert any(p.search(leak) for p in SECRET_PATTERNS.values())
