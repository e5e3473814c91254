"""Learner views: the request form, its live budget, the confirmation, tracking and letter.

A learner reaches their request only through its secret tracking token; an
unknown token is a plain 404, whatever the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from literacy.negotiation import recovery, use_cases
from literacy.negotiation.help import journey
from literacy.negotiation.help.attach import remember
from literacy.negotiation.help.forms import (
    STORY_LIMIT,
    BudgetForm,
    FeedbackForm,
    FindForm,
    ReplyForm,
    RequestForm,
)
from literacy.negotiation.help.limits import Limit, wait_in_words
from literacy.negotiation.models import NegotiationRequest
from literacy.negotiation.toolkit.owner import learner
from literacy.negotiation.toolkit.plan import request_prefill

CONFIRMATION_KEY = "negotiation_confirmation"
# Accepted requests and obvious bots only: mistakes a learner corrects never count.
SUBMIT_LIMIT = Limit("help.request", "10/h")
# Look-ups: per address, and per reference code with a short window, so that a
# stranger typing someone's code can hold their look-up back a quarter of an hour at most.
FIND_LIMITS = (Limit("help.find.ip", "10/h"), Limit("help.find.reference", "5/15m", key="value"))


def _by_token(token: str) -> NegotiationRequest:
    found = NegotiationRequest.objects.by_token(token)
    if found is None or found.anonymised_at is not None:
        raise Http404
    return found


def _form_page(request: HttpRequest, form: RequestForm, status: int = 200) -> HttpResponse:
    context = {
        "form": form,
        "earlier": request.session.get(CONFIRMATION_KEY),
        "story_limit": STORY_LIMIT,
    }
    return render(request, "negotiation/help/request.html", context, status=status)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def request_form(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        from_plan = request_prefill(learner(request), request.GET.get("plan"))
        form = RequestForm(initial={**RequestForm.prefill(request.GET), **from_plan})
        return _form_page(request, form)
    form = RequestForm(request.POST)
    valid = form.is_valid()
    wait = SUBMIT_LIMIT.wait_seconds(request)
    if form.looks_automated():
        SUBMIT_LIMIT.count(request)
    if wait:
        form.add_error(None, form.limit_message(wait_in_words(wait)))
        return _form_page(request, form, status=429)
    if not valid:
        return _form_page(request, form, status=400)
    SUBMIT_LIMIT.count(request)
    created, token = use_cases.submit_request(form=form, user=request.user, language=get_language())
    if token is not None:
        request.session[CONFIRMATION_KEY] = {"reference": created.reference, "token": token}
        remember(request, created.pk)
    return redirect("help:sent")


@never_cache
@require_GET
def sent(request: HttpRequest) -> HttpResponse:
    """The confirmation, shown again from the session on reload, Back and Forward."""
    confirmation = request.session.get(CONFIRMATION_KEY)
    tracked = None
    if confirmation is not None:
        tracked = NegotiationRequest.objects.by_token(confirmation["token"])
    if tracked is None:  # nothing sent in this session, or its link was renewed since
        request.session.pop(CONFIRMATION_KEY, None)
        messages.info(
            request,
            _("We cannot show a confirmation here. To find a request you sent, use the find page."),
        )
        return redirect("help:find")
    context = {
        **confirmation,
        "tracked": tracked,
        "plan": tracked.plan,
        "steps": journey.steps_for(tracked),
    }
    return render(request, "negotiation/help/sent.html", context)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def find(request: HttpRequest) -> HttpResponse:
    """Reference + contact: the same answer whether or not a request matches."""
    form = FindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"]
        wait = max(
            FIND_LIMITS[0].wait_seconds(request),
            FIND_LIMITS[1].wait_seconds(request, reference),
        )
        if wait:
            form.add_error(None, form.limit_message(wait_in_words(wait)))
            return render(request, "negotiation/help/find.html", {"form": form}, status=429)
        FIND_LIMITS[0].count(request)
        FIND_LIMITS[1].count(request, reference)
        recovery.find_and_follow_up(reference=reference, contact=form.cleaned_data["contact"])
        return render(request, "negotiation/help/find_answer.html")
    status = 400 if form.is_bound else 200
    return render(request, "negotiation/help/find.html", {"form": form}, status=status)


@sensitive_post_parameters()
@require_POST
def live_budget(request: HttpRequest) -> HttpResponse:
    """The htmx partial with live budget totals (POST keeps the figures out of URLs and logs)."""
    form = BudgetForm(request.POST)
    return render(request, "negotiation/help/_budget.html", {"budget": form.budget_preview()})


def _track_page(
    request: HttpRequest,
    tracked: NegotiationRequest,
    token: str,
    *,
    reply_form: ReplyForm | None = None,
    feedback_form: FeedbackForm | None = None,
    status: int = 200,
) -> HttpResponse:
    events = list(tracked.events.visible_to_learner().select_related("actor"))
    context = {
        "tracked": tracked,
        "plan": tracked.plan,
        "token": token,
        "events": events,
        "steps": journey.steps_for(tracked),
        "reviewer_wrote": journey.reviewer_wrote_last(events),
        "reply_form": reply_form or ReplyForm(),
        "feedback_form": feedback_form or FeedbackForm(),
    }
    return render(request, "negotiation/help/track.html", context, status=status)


@never_cache
@require_GET
def track(request: HttpRequest, token: str) -> HttpResponse:
    return _track_page(request, _by_token(token), token)


@sensitive_post_parameters()
@ratelimit(key="ip", rate="30/h", method="POST", block=True)
@require_POST
def reply(request: HttpRequest, token: str) -> HttpResponse:
    tracked = _by_token(token)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _track_page(request, tracked, token, reply_form=form, status=400)
    try:
        use_cases.learner_reply(case=tracked, body=form.cleaned_data["body"], user=request.user)
    except use_cases.NotAllowed:
        messages.error(request, _("This request is finished, so replies are closed."))
    else:
        messages.success(request, _("Thank you, your message was added."))
    return redirect("help:track", token=token)


@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks "are you sure?"; POST withdraws."""
    tracked = _by_token(token)
    if request.method == "GET":
        return render(
            request, "negotiation/help/withdraw.html", {"tracked": tracked, "token": token}
        )
    try:
        use_cases.withdraw(case=tracked, user=request.user)
    except use_cases.InvalidTransition:
        messages.error(request, _("This request can no longer be withdrawn."))
    else:
        messages.success(request, _("Your request has been withdrawn."))
    return redirect("help:track", token=token)


@sensitive_post_parameters()
@require_POST
def feedback(request: HttpRequest, token: str) -> HttpResponse:
    tracked = _by_token(token)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _track_page(request, tracked, token, feedback_form=form, status=400)
    try:
        use_cases.leave_feedback(case=tracked, user=request.user, **form.cleaned_data)
    except use_cases.NotAllowed:
        messages.error(request, _("Feedback is open once your request is finished, once."))
    else:
        messages.success(request, _("Thank you for your feedback."))
    return redirect("help:track", token=token)


@never_cache
@require_GET
def letter(request: HttpRequest, token: str) -> HttpResponse:
    """The letter to the lender, in the language the request was written in."""
    tracked = _by_token(token)
    with translation.override(tracked.language):
        # Chinese sentences follow each other without a space; English ones take one
        gap = "" if tracked.language.startswith("zh") else " "
        context = {"tracked": tracked, "plan": tracked.plan, "gap": gap}
        return render(request, "negotiation/help/letter.html", context)
