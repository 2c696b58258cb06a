"""What the themes views share: finding the inquiry and code, the user, the error summary."""

from __future__ import annotations

from typing import cast

from django import forms
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from joinedup.errors import InputError
from joinedup.web.accounts.models import User
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.themes.models import Code
from joinedup.web.themes.services.codebook import codebook_tree

__all__ = ["code_choices", "find_code", "find_inquiry", "show_error", "signed_in"]


def find_inquiry(inquiry_id: int) -> Inquiry:
    return get_object_or_404(Inquiry, pk=inquiry_id)


def find_code(code_id: int) -> Code:
    return get_object_or_404(Code.objects.select_related("inquiry", "parent"), pk=code_id)


def code_choices(inquiry: Inquiry, exclude: Code | None = None) -> list[tuple[str, str]]:
    """The live codes, indented under their parents, for a select."""
    return [
        (str(line.code.pk), f"{'— ' * line.depth}{line.code.label}")
        for line in codebook_tree(inquiry)
        if not line.code.retired and (exclude is None or line.code.pk != exclude.pk)
    ]


def show_error(form: forms.Form, error: InputError) -> None:
    form.add_error(None, str(error))


def signed_in(request: HttpRequest) -> User:
    return cast(User, request.user)
