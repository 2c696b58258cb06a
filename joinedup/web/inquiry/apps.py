"""The independent inquiry: terms of reference, lines, core participants, staff, requests."""

from django.apps import AppConfig


class InquiryConfig(AppConfig):
    name = "joinedup.web.inquiry"
    label = "inquiry"
