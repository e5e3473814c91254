"""Reply templates: list, create, edit (with its change history) and retire."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from literacy.accounts.roles import REVIEWERS, role_required
from literacy.negotiation.models import ReplyTemplate
from literacy.negotiation.review import replies
from literacy.negotiation.review.reply_forms import PLACEHOLDER_HELP, ReplyTemplateForm


def _stale(request: HttpRequest) -> None:
    messages.error(
        request,
        _("Someone else changed this template meanwhile. Here is its current text: try again."),
    )


@never_cache
@role_required(REVIEWERS)
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    context = {
        "templates": ReplyTemplate.objects.current(),
        "retired": ReplyTemplate.objects.filter(retired_at__isnull=False).order_by("-retired_at"),
        "placeholders": PLACEHOLDER_HELP,
    }
    return render(request, "negotiation/review/templates.html", context)


@never_cache
@role_required(REVIEWERS)
@require_http_methods(["GET", "POST"])
def template_new(request: HttpRequest) -> HttpResponse:
    form = ReplyTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        replies.create_template(actor=request.user, **form.texts())
        messages.success(request, _("Template saved."))
        return redirect("review:templates")
    status = 400 if form.is_bound else 200
    return render(request, "negotiation/review/template_form.html", {"form": form}, status=status)


@never_cache
@role_required(REVIEWERS)
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ReplyTemplate, pk=pk)
    form = ReplyTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            replies.edit_template(
                template=template,
                actor=request.user,
                expected_version=form.cleaned_data["version"] or 0,
                **form.texts(),
            )
        except replies.StaleTemplate:
            _stale(request)
            return redirect("review:template_edit", pk=pk)
        messages.success(request, _("Template saved."))
        return redirect("review:templates")
    context = {
        "form": form,
        "template": template,
        "changes": template.changes.select_related("actor"),
    }
    status = 400 if form.is_bound else 200
    return render(request, "negotiation/review/template_form.html", context, status=status)


@role_required(REVIEWERS)
@require_POST
def template_retire(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ReplyTemplate, pk=pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0
    try:
        replies.retire_template(template=template, actor=request.user, expected_version=version)
    except replies.StaleTemplate:
        _stale(request)
        return redirect("review:template_edit", pk=pk)
    messages.success(request, _("Template retired. Its history is kept."))
    return redirect("review:templates")
