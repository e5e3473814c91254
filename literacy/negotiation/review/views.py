"""Reviewer views: the queue, a request's detail and the moves on it, CSV export, feedback.

Every view is for the reviewers group only (``role_required``); every change goes
through a use case in ``requests.py``, which locks the row so that of two
reviewers acting at once one wins and the other is told why.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from literacy.accounts.roles import REVIEWERS, role_required
from literacy.negotiation import use_cases
from literacy.negotiation.models import NegotiationRequest, ReplyTemplate, Status
from literacy.negotiation.review import queue as review
from literacy.negotiation.review.forms import (
    BULK_LIMIT,
    AssignForm,
    BulkAssignForm,
    MessageForm,
    NoteForm,
    QueueFilterForm,
    StatusForm,
    UrgencyForm,
)
from literacy.negotiation.review.replies import fill
from literacy.negotiation.review.reply_forms import TemplatePickForm

PAGE_SIZE = 25


def _filter_form(request: HttpRequest, data) -> QueueFilterForm:
    return QueueFilterForm(data, user=request.user, reviewers=list(review.reviewers()))


@never_cache
@role_required(REVIEWERS)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request, request.GET)
    requests = form.apply(review.queue())
    if form.ignored:
        messages.warning(
            request,
            _("These filters were not understood and were ignored: %(filters)s.")
            % {"filters": ", ".join(form.ignored)},
        )
    context = {
        "form": form,
        "page": Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page")),
        "counts": review.status_counts(),
        "exports": review.recent_exports(),
        "bulk_limit": BULK_LIMIT,
        "now": timezone.now(),
    }
    return render(request, "negotiation/review/queue.html", context)


@role_required(REVIEWERS)
@require_POST
def bulk_assign(request: HttpRequest) -> HttpResponse:
    """Hand the ticked requests to one reviewer; each is its own change with its own event."""
    form = BulkAssignForm(request.POST, reviewers=review.reviewers())
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("review:queue")
    done, stale = use_cases.assign_many(
        versions=form.cleaned_data["cases"],
        assignee=form.cleaned_data["assignee"],
        actor=request.user,
    )
    messages.success(
        request,
        ngettext("%(count)d request handed over.", "%(count)d requests handed over.", len(done))
        % {"count": len(done)},
    )
    if stale:
        messages.error(
            request,
            _("Changed by someone else meanwhile and left as they are: %(references)s.")
            % {"references": ", ".join(case.reference for case in stale)},
        )
    return redirect("review:queue")


@never_cache
@role_required(REVIEWERS)
@require_POST
def export(request: HttpRequest) -> HttpResponse:
    """The filtered queue as CSV; the export and each exported request record who and when."""
    form = _filter_form(request, request.POST)
    content, _count = review.export_csv(
        queryset=form.apply(review.queue()), actor=request.user, filters=form.applied()
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="requests-{stamp}.csv"'
    return response


@never_cache
@role_required(REVIEWERS)
@require_GET
def feedback(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "negotiation/review/feedback.html",
        {"outcomes": review.feedback_by_outcome(), "minimum": review.MIN_FEEDBACK_GROUP},
    )


def _get(reference: str) -> NegotiationRequest:
    return get_object_or_404(
        NegotiationRequest.objects.select_related("assignee"), reference=reference
    )


def _detail(
    request: HttpRequest, item: NegotiationRequest, *, status: int = 200, **forms
) -> HttpResponse:
    templates = ReplyTemplate.objects.current()
    pick = TemplatePickForm(request.GET or None, templates=templates)
    message_form = forms.get("message_form")
    if message_form is None:
        inserted = pick.cleaned_data["template"] if pick.is_bound and pick.is_valid() else None
        message_form = MessageForm(initial={"body": fill(inserted, item)} if inserted else None)
    context = {
        "item": item,
        "now": timezone.now(),
        "events": item.events.select_related("actor").order_by("created_at", "id"),
        "status_form": forms.get("status_form") or StatusForm(item),
        "assign_form": forms.get("assign_form") or AssignForm(item, reviewers=review.reviewers()),
        "urgency_form": forms.get("urgency_form") or UrgencyForm(item),
        "note_form": forms.get("note_form") or NoteForm(),
        "message_form": message_form,
        "pick_form": pick,
    }
    return render(request, "negotiation/review/detail.html", context, status=status)


def _back(item: NegotiationRequest) -> HttpResponse:
    return redirect("review:detail", reference=item.reference)


def _stale(request: HttpRequest) -> None:
    messages.error(
        request,
        _(
            "Someone else changed this request while you were reading it. "
            "Here is its current state: check it and try again."
        ),
    )


@never_cache
@role_required(REVIEWERS)
@require_GET
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    return _detail(request, _get(reference))


@role_required(REVIEWERS)
@require_POST
def claim(request: HttpRequest, reference: str) -> HttpResponse:
    item = _get(reference)
    try:
        use_cases.claim(case=item, reviewer=request.user)
    except use_cases.AlreadyClaimed as taken:
        messages.error(
            request,
            _("%(holder)s has already claimed this request.") % {"holder": taken.holder},
        )
    else:
        messages.success(request, _("You have claimed this request."))
    return _back(item)


@role_required(REVIEWERS)
@require_POST
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    item = _get(reference)
    form = AssignForm(item, request.POST, reviewers=review.reviewers())
    if not form.is_valid():
        return _detail(request, item, assign_form=form, status=400)
    try:
        use_cases.assign(
            case=item,
            assignee=form.cleaned_data["assignee"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except use_cases.StaleRequest:
        _stale(request)
    else:
        messages.success(request, _("Assignment saved."))
    return _back(item)


@role_required(REVIEWERS)
@require_POST
def urgency(request: HttpRequest, reference: str) -> HttpResponse:
    item = _get(reference)
    form = UrgencyForm(item, request.POST)
    if not form.is_valid():
        return _detail(request, item, urgency_form=form, status=400)
    try:
        use_cases.set_urgency(
            case=item,
            flags=form.cleaned_data["flags"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except use_cases.StaleRequest:
        _stale(request)
    else:
        messages.success(request, _("Urgency saved."))
    return _back(item)


@role_required(REVIEWERS)
@require_POST
def change_status(request: HttpRequest, reference: str) -> HttpResponse:
    item = _get(reference)
    form = StatusForm(item, request.POST)
    if not form.is_valid():
        return _detail(request, item, status_form=form, status=400)
    to = form.cleaned_data["to"]
    try:
        use_cases.change_status(
            case=item,
            to=to,
            actor=request.user,
            message=form.cleaned_data["message"],
            expected_version=form.cleaned_data["version"],
        )
    except use_cases.StaleRequest:
        _stale(request)
    except use_cases.InvalidTransition as refused:
        messages.error(
            request,
            _("A request cannot move from “%(current)s” to “%(to)s”.")
            % {"current": Status(refused.from_status).label, "to": Status(to).label},
        )
    else:
        messages.success(
            request, _("Status changed to “%(status)s”.") % {"status": Status(to).label}
        )
        return _back(item)
    # Refused: show the current state, keeping the reviewer's message so nothing typed is lost.
    item.refresh_from_db()
    retry = StatusForm(item, initial={"message": form.cleaned_data["message"]})
    return _detail(request, item, status_form=retry, status=409)


@role_required(REVIEWERS)
@require_POST
def note(request: HttpRequest, reference: str) -> HttpResponse:
    item = _get(reference)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _detail(request, item, note_form=form, status=400)
    use_cases.add_note(case=item, actor=request.user, body=form.cleaned_data["body"])
    messages.success(request, _("Note added."))
    return _back(item)


@role_required(REVIEWERS)
@require_POST
def message(request: HttpRequest, reference: str) -> HttpResponse:
    item = _get(reference)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _detail(request, item, message_form=form, status=400)
    use_cases.message_learner(case=item, actor=request.user, body=form.cleaned_data["body"])
    messages.success(request, _("Message sent to the learner."))
    return _back(item)
