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

from literacy.negotiation import use_cases
from literacy.negotiation.help.forms import BudgetForm, FeedbackForm, ReplyForm, RequestForm
from literacy.negotiation.models import NegotiationRequest
from literacy.negotiation.toolkit.owner import learner
from literacy.negotiation.toolkit.plan import request_prefill

CONFIRMATION_KEY = "negotiation_confirmation"


def _by_token(token: str) -> NegotiationRequest:
    found = NegotiationRequest.objects.by_token(token)
    if found is None or found.anonymised_at is not None:
        raise Http404
    return found


@sensitive_post_parameters()
@never_cache
@ratelimit(key="ip", rate="10/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def request_form(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        from_plan = request_prefill(learner(request), request.GET.get("plan"))
        form = RequestForm(initial={**RequestForm.prefill(request.GET), **from_plan})
        return render(request, "negotiation/help/request.html", {"form": form})
    form = RequestForm(request.POST)
    if not form.is_valid():
        return render(request, "negotiation/help/request.html", {"form": form}, status=400)
    created, token = use_cases.submit_request(
        form=form,
        user=request.user,
        language=get_language(),
        site_url=request.build_absolute_uri("/"),
    )
    if token is not None:
        request.session[CONFIRMATION_KEY] = {"reference": created.reference, "token": token}
    return redirect("help:sent")


@never_cache
@require_GET
def sent(request: HttpRequest) -> HttpResponse:
    """The confirmation: the tracking link is shown this once, then forgotten."""
    confirmation = request.session.pop(CONFIRMATION_KEY, None)
    if confirmation is None:
        messages.info(request, _("Your request was already received. Use your tracking link."))
        return redirect("help:request")
    return render(request, "negotiation/help/sent.html", confirmation)


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
    context = {
        "tracked": tracked,
        "token": token,
        "events": tracked.events.visible_to_learner().select_related("actor"),
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
        return render(request, "negotiation/help/letter.html", {"tracked": tracked})
