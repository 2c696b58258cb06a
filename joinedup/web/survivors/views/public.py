"""The survivor's form under /public/your-experience/ (no sign-in), one question a page.

Answers are kept in the session, encrypted (services/drafts.py), and sent only from the
check-answers page. No page may be cached, so the browser's Back button on a shared
device does not bring back what was written. The confirmation shows the reference and
passphrase once; with them the survivor can come back and change their choices.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from joinedup.errors import InputError
from joinedup.web.survivors import forms as survivor_forms
from joinedup.web.survivors.services import drafts, limits, returning, vocabulary
from joinedup.web.survivors.services.accounts import submit_online
from joinedup.web.survivors.services.consent import Choices, current_choices
from joinedup.web.survivors.services.counts import accounts_heard
from joinedup.web.survivors.services.readers import current_inquiry

SENT_KEY = "survivors.sent"
TOO_MANY = (
    "Too many accounts have been sent from this connection in the last hour. "
    "What you wrote is still here: please try again later."
)
TOO_MANY_TRIES = "Too many tries from this connection. Please wait an hour and try again."
NO_MATCH = "The reference and passphrase do not match. Check them and try again."


@dataclass(frozen=True)
class Step:
    name: str
    form: type[forms.Form]
    template: str
    read: Callable[[dict[str, Any]], dict[str, Any]]  # draft -> the form's initial values
    write: Callable[[dict[str, Any]], dict[str, Any]]  # cleaned data -> draft answers


def _same(*keys: str) -> tuple[Callable[..., dict[str, Any]], Callable[..., dict[str, Any]]]:
    def read(draft: dict[str, Any]) -> dict[str, Any]:
        return {k: draft[k] for k in keys if k in draft}

    return read, read


def _answer(key: str) -> tuple[Callable[..., dict[str, Any]], Callable[..., dict[str, Any]]]:
    return (lambda d: {"answer": d.get(key, "")}), (lambda c: {key: c.get("answer") or ""})


STEPS = [
    Step("account", survivor_forms.TextForm, "text", *_same("text")),
    Step("when", survivor_forms.DecadesForm, "decades", *_same("decades")),
    Step("where", survivor_forms.AreaForm, "area", *_same("area")),
    Step("services", survivor_forms.AgenciesForm, "agencies", *_same("agencies")),
    Step("research", survivor_forms.YesNoForm, "research", *_answer("research")),
    Step("quote", survivor_forms.YesNoForm, "quote", *_answer("quote")),
    Step("contact", survivor_forms.ContactForm, "contact", *_same("contact", "email", "phone")),
    Step("police", survivor_forms.YesNoForm, "police", *_answer("police")),
]
BY_NAME = {s.name: s for s in STEPS}


def _common(request: HttpRequest) -> dict[str, Any]:
    return {"exit_url": vocabulary.exit_url(), "kept_hours": drafts.kept_for_hours()}


def _next_url(step: Step, request: HttpRequest) -> str:
    if request.POST.get("back_to") == "check":
        return reverse("survivors_public:check")
    index = STEPS.index(step)
    if index + 1 < len(STEPS):
        return reverse("survivors_public:question", args=[STEPS[index + 1].name])
    return reverse("survivors_public:check")


def _back_url(step: Step) -> str:
    index = STEPS.index(step)
    if index == 0:
        return reverse("survivors_public:start")
    return reverse("survivors_public:question", args=[STEPS[index - 1].name])


@never_cache
@require_http_methods(["GET"])
def start(request: HttpRequest) -> HttpResponse:
    inquiry = current_inquiry()
    context = {
        **_common(request),
        "inquiry": inquiry,
        "heard": accounts_heard(inquiry) if inquiry else None,
        "support": vocabulary.support_services(),
        "first": reverse("survivors_public:question", args=[STEPS[0].name]),
        "started": bool(drafts.load(request.session)),
    }
    return render(request, "survivors/public/start.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, step: str) -> HttpResponse:
    found = BY_NAME.get(step)
    if found is None or current_inquiry() is None:
        raise Http404("No such question")
    draft = drafts.load(request.session)
    form = found.form(request.POST or None, initial=found.read(draft))
    if request.method == "POST" and form.is_valid():
        drafts.save(request.session, **found.write(form.cleaned_data))
        return redirect(_next_url(found, request))
    context = {
        **_common(request),
        "form": form,
        "step": found,
        "back": _back_url(found),
        "back_to": request.GET.get("change") and "check" or request.POST.get("back_to", ""),
        "number": STEPS.index(found) + 1,
        "steps": len(STEPS),
    }
    return render(request, f"survivors/public/{found.template}.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    inquiry = current_inquiry()
    if inquiry is None:
        raise Http404("No inquiry is taking accounts")
    data = drafts.load(request.session)
    form = survivor_forms.SendForm(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            return render(request, "survivors/public/sent.html", {**_common(request), "sent": None})
        if limits.over_limit("submit", request, vocabulary.limit("submissions_per_hour")):
            problem = TOO_MANY
        else:
            try:
                sent = submit_online(inquiry, drafts.as_draft(data))
            except InputError as error:
                problem = str(error)
            else:
                limits.count_attempt("submit", request)
                drafts.clear(request.session)
                request.session[SENT_KEY] = {
                    "reference": sent.account.reference,
                    "passphrase": sent.passphrase,
                }
                return redirect("survivors_public:sent")
    context = {
        **_common(request),
        "form": form,
        "problem": problem,
        "answers": _answers(data),
        "draft": drafts.as_draft(data),
    }
    return render(
        request, "survivors/public/check.html", context, status=429 if problem == TOO_MANY else 200
    )


def _answers(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The check-answers rows: question, answer shown, the step to change it."""
    decades = [vocabulary.decade_label(int(d)) for d in data.get("decades", [])]
    services = vocabulary.agencies()
    contact = {
        "email": f"Yes, by e-mail: {data.get('email', '')}",
        "phone": f"Yes, by phone: {data.get('phone', '')}",
    }
    rows = [
        ("What you want to tell us", data.get("text", ""), "account"),
        ("When it happened", ", ".join(decades), "when"),
        ("Where it happened", data.get("area", ""), "where"),
        (
            "Services you were in contact with",
            "; ".join(services[a] for a in data.get("agencies", []) if a in services),
            "services",
        ),
        ("Use in research", _yes_no(data.get("research")), "research"),
        ("Quote your words anonymously", _yes_no(data.get("quote")), "quote"),
        (
            "Contact you again",
            contact.get(data.get("contact", ""), _yes_no("no" if data.get("contact") else "")),
            "contact",
        ),
        ("Pass what you have told us to the police", _yes_no(data.get("police")), "police"),
    ]
    return [{"question": q, "answer": a, "step": s} for q, a, s in rows]


def _yes_no(value: Any) -> str:
    return {"yes": "Yes", "no": "No"}.get(str(value or ""), "")


@never_cache
@require_http_methods(["GET"])
def sent(request: HttpRequest) -> HttpResponse:
    """The reference and passphrase, shown once: taken out of the session as shown."""
    shown = request.session.pop(SENT_KEY, None)
    return render(request, "survivors/public/sent.html", {**_common(request), "sent": shown})


@never_cache
@require_POST
def delete(request: HttpRequest) -> HttpResponse:
    drafts.clear(request.session)
    return render(request, "survivors/public/deleted.html", _common(request))


@never_cache
@require_http_methods(["GET", "POST"])
def come_back(request: HttpRequest) -> HttpResponse:
    form = survivor_forms.ReturnForm(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        if limits.over_limit("passphrase", request, vocabulary.limit("passphrase_tries_per_hour")):
            problem = TOO_MANY_TRIES
        else:
            data = form.cleaned_data
            account = returning.find_by_passphrase(data["reference"], data["passphrase"])
            if account is not None:
                request.session.cycle_key()
                returning.remember(request.session, account)
                return redirect("survivors_public:choices")
            limits.count_attempt("passphrase", request)
            problem = NO_MATCH
    context = {**_common(request), "form": form, "problem": problem}
    return render(request, "survivors/public/return.html", context)


def _choices_initial(choices: Choices) -> dict[str, str]:
    yes_no = {True: "yes", False: "no"}
    return {
        "research": yes_no[choices.research_use],
        "quote": yes_no[choices.quote_anonymously],
        "police": yes_no[choices.pass_to_police],
        "contact": choices.contact_method if choices.contact_back else "no",
    }


@never_cache
@require_http_methods(["GET", "POST"])
def choices(request: HttpRequest) -> HttpResponse:
    account = returning.account_for_session(request.session)
    if account is None:
        return render(request, "survivors/public/choices_expired.html", _common(request))
    held = current_choices(account)
    form = survivor_forms.SurvivorChoicesForm(
        request.POST or None,
        initial=_choices_initial(held),
        held_method=account.contact_method if account.contact_details else "",
    )
    problem = ""
    if request.method == "POST" and "withdraw" in request.POST:
        returning.change_choices_online(account, Choices(), "")
        return redirect("survivors_public:choices-saved")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = drafts.as_draft(data)
        try:
            returning.change_choices_online(account, draft.choices, draft.contact_details)
        except InputError as error:
            problem = str(error)
        else:
            return redirect("survivors_public:choices-saved")
    context = {
        **_common(request),
        "form": form,
        "problem": problem,
        "reference": account.reference,
        "held": held,
        "has_details": bool(account.contact_details),
    }
    return render(request, "survivors/public/choices.html", context)


@never_cache
@require_http_methods(["GET"])
def choices_saved(request: HttpRequest) -> HttpResponse:
    account = returning.account_for_session(request.session)
    held = current_choices(account) if account else None
    returning.forget(request.session)
    return render(
        request, "survivors/public/choices_saved.html", {**_common(request), "held": held}
    )
