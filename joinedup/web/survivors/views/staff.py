"""The inquiry's pages for accounts, under /inquiry/accounts/ (capability `inquiry_work`).

The list shows references, channels, dates and consent flags to every inquiry worker;
an account's content, its anonymised version, consent changes and referrals need a
named reader (services/readers.py), and every opening of an account is audited.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.survivors import forms as survivor_forms
from joinedup.web.survivors.models import Account, AnonymisedAccount, ConsentRecord
from joinedup.web.survivors.services import anonymise, consent, referrals, vocabulary
from joinedup.web.survivors.services.accounts import (
    AccountDraft,
    account_rows,
    read_account,
    record_account,
)
from joinedup.web.survivors.services.readers import check_reader, current_inquiry, reads_accounts

YES = "yes"


def _inquiry() -> Inquiry:
    found = current_inquiry()
    if found is None:
        raise Http404("No inquiry has been set up yet")
    return found


def _account(reference: str) -> Account:
    return get_object_or_404(Account.objects.select_related("inquiry"), reference=reference)


def _aware(day: Any) -> datetime:
    """Noon of that day, or now if that is later than now (a date given today)."""
    return min(timezone.make_aware(datetime.combine(day, time(12))), timezone.now())


def _choices(data: dict[str, Any]) -> consent.Choices:
    contact = data.get("contact") or "no"
    return consent.Choices(
        research_use=data.get("research") == YES,
        quote_anonymously=data.get("quote") == YES,
        contact_back=contact in ("email", "phone"),
        contact_method=contact if contact in ("email", "phone") else "",
        pass_to_police=data.get("police") == YES,
    )


def _details(data: dict[str, Any]) -> str:
    contact = data.get("contact")
    return str(data.get("email") or "") if contact == "email" else str(data.get("phone") or "")


@require_GET
@capability_required("inquiry_work")
def index(request: HttpRequest) -> HttpResponse:
    inquiry = current_inquiry()
    rows = account_rows(inquiry) if inquiry else Account.objects.none()
    context = {
        "inquiry": inquiry,
        "accounts": rows,
        "reader": inquiry is not None and reads_accounts(request.user, inquiry),
    }
    return render(request, "survivors/index.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def record(request: HttpRequest) -> HttpResponse:
    inquiry = _inquiry()
    check_reader(request.user, inquiry)
    form = survivor_forms.StaffAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = AccountDraft(
            text=data["text"],
            decades=tuple(int(d) for d in data["decades"]),
            area=data["area"],
            agencies=tuple(data["agencies"]),
            choices=_choices(data),
            contact_details=_details(data),
        )
        try:
            made = record_account(
                request.user, inquiry, draft, data["channel"], _aware(data["received_on"]), request
            )
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Account {made.reference} recorded")
            return redirect("survivors:account", made.reference)
    return render(request, "survivors/record.html", {"form": form, "vocab": _vocab()})


def _vocab() -> dict[str, Any]:
    return {"decades": vocabulary.decades(), "agencies": vocabulary.agencies()}


@never_cache
@require_GET
@capability_required("inquiry_work")
def account(request: HttpRequest, reference: str) -> HttpResponse:
    found = read_account(request.user, _account(reference), request)
    agencies = vocabulary.agencies()
    context = {
        "account": found,
        "agencies": [agencies.get(a, a) for a in found.agencies],
        "decades": [vocabulary.decade_label(d) for d in found.decades],
        "consents": consent.history(found),
        "choices": consent.current_choices(found),
        "anonymised": AnonymisedAccount.objects.filter(account=found)
        .select_related("prepared_by", "approved_by")
        .first(),
        "referrals": found.referrals.select_related("recorded_by").all(),
        "channels": vocabulary.consent_channels(),
    }
    return render(request, "survivors/account.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def consent_change(request: HttpRequest, reference: str) -> HttpResponse:
    found = _account(reference)
    check_reader(request.user, found.inquiry)
    held = consent.current_choices(found)
    initial = {
        "research": YES if held.research_use else "no",
        "quote": YES if held.quote_anonymously else "no",
        "police": YES if held.pass_to_police else "no",
        "contact": held.contact_method if held.contact_back else "no",
    }
    form = survivor_forms.StaffConsentForm(
        request.POST or None,
        initial=initial,
        held_method=found.contact_method if found.contact_details else "",
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consent.record_consent(
                found,
                _choices(data),
                source=ConsentRecord.STAFF,
                asked_at=_aware(data["asked_on"]),
                contact_details=_details(data),
                actor=request.user,
                how=data["how"],
                note=data["note"],
                request=request,
            )
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Account {found.reference}: consent choices recorded")
            return redirect("survivors:account", found.reference)
    return render(request, "survivors/consent.html", {"form": form, "account": found})


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def anonymised(request: HttpRequest, reference: str) -> HttpResponse:
    """The page shows the account beside the version, so opening it is a read (audited)."""
    found = read_account(request.user, _account(reference), request)
    existing = AnonymisedAccount.objects.filter(account=found).first()
    if existing is not None:
        initial: dict[str, Any] = {
            "text": existing.text,
            "period_start_year": existing.period_start_year,
            "period_end_year": existing.period_end_year,
        }
    else:
        start, end = anonymise.suggested_period(found)
        initial = {
            "text": anonymise.first_draft(found),
            "period_start_year": start,
            "period_end_year": end,
        }
    form = survivor_forms.AnonymisedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = anonymise.Anonymised(
            data["text"], data["period_start_year"], data["period_end_year"]
        )
        try:
            saved = anonymise.save_anonymised(request.user, found, version, request)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Anonymised version {saved.reference} saved: a second person must approve it",
            )
            return redirect("survivors:account", found.reference)
    context = {"form": form, "account": found, "existing": existing}
    return render(request, "survivors/anonymised.html", context)


@require_POST
@capability_required("inquiry_work")
def approve(request: HttpRequest, reference: str) -> HttpResponse:
    found = _account(reference)
    check_reader(request.user, found.inquiry)
    version = get_object_or_404(AnonymisedAccount, account=found)
    try:
        anonymise.approve(request.user, version, request)
    except InputError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Anonymised version {version.reference} approved")
    return redirect("survivors:account", found.reference)


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def referral(request: HttpRequest, reference: str) -> HttpResponse:
    found = _account(reference)
    check_reader(request.user, found.inquiry)
    form = survivor_forms.ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = referrals.Referral(
            referred_on=data["referred_on"],
            force=data["force"],
            what_passed=data["what_passed"],
            contact_details=data["contact_details"],
            reason=data["reason"],
            police_reference=data["police_reference"],
        )
        try:
            referrals.record_referral(request.user, found, made, request)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Account {found.reference}: referral to police recorded")
            return redirect("survivors:account", found.reference)
    context = {"form": form, "account": found, "choices": consent.current_choices(found)}
    return render(request, "survivors/referral.html", context)


__all__ = ["account", "anonymised", "approve", "consent_change", "index", "record", "referral"]
