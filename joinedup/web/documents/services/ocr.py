"""OCR for scanned PDF pages: OCRmyPDF driving Tesseract, in a child process.

OCRmyPDF's `--skip-text` leaves pages that have a text layer alone and adds one to
pages that have none. It runs as a subprocess (`python -m ocrmypdf`) so its worker
processes and signal handling stay out of the web server, with a time limit. The
plaintext PDF is written to a private temporary folder for the run and removed after.
No Django here.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

__all__ = ["OcrFailed", "ocr_available", "ocr_pdf", "tesseract_version"]


class OcrFailed(Exception):
    """OCRmyPDF could not read the file (it is kept; its text needs OCR)."""


def ocr_available() -> bool:
    return (
        shutil.which("tesseract") is not None and importlib.util.find_spec("ocrmypdf") is not None
    )


@cache
def tesseract_version() -> str:
    found = subprocess.run(
        ["tesseract", "--version"], capture_output=True, text=True, timeout=30, check=False
    )
    first = (found.stdout or found.stderr).splitlines()
    return first[0].strip() if first else "tesseract"


def ocr_pdf(data: bytes, *, language: str, timeout_seconds: int) -> bytes:
    """The PDF with a text layer added to its pages that had none."""
    with tempfile.TemporaryDirectory(prefix="joinedup-ocr-") as folder:
        source, output = Path(folder) / "in.pdf", Path(folder) / "out.pdf"
        source.write_bytes(data)
        command = [
            sys.executable, "-m", "ocrmypdf", "--skip-text", "--output-type", "pdf",
            "--optimize", "0", "--language", language, "--quiet", str(source), str(output),
        ]  # fmt: skip
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout_seconds, check=False
            )
        except subprocess.TimeoutExpired:
            raise OcrFailed(f"OCR took longer than {timeout_seconds} seconds") from None
        if done.returncode != 0 or not output.exists():
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise OcrFailed(f"OCRmyPDF stopped (exit {done.returncode}): {last}")
        return output.read_bytes()
