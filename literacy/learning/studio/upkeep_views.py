"""The studio's upkeep pages: what needs re-checking, one fact, one translation behind."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from literacy.learning.content import fact_changes
from literacy.learning.models import Fact
from literacy.learning.studio import upkeep
from literacy.learning.studio.upkeep_forms import FactForm, InStepForm
from literacy.learning.studio.views import educators_only, lesson_kwargs, lesson_or_404


@require_GET
@educators_only
def checks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/studio/checks.html",
        {"upkeep": upkeep.upkeep(), "months": upkeep.recheck_months()},
    )


@require_http_methods(["GET", "POST"])
@educators_only
def fact(request: HttpRequest, fact: str) -> HttpResponse:
    item = get_object_or_404(Fact.objects.select_related("base"), key=fact)
    form = FactForm(request.POST if request.method == "POST" else None, fact=item)
    if request.method == "POST" and form.is_valid():
        try:
            update = fact_changes.update_fact(
                form.entry(), author=request.user, note=form.cleaned_data["note"]
            )
        except fact_changes.FactChangeRefused as refused:
            form.add_error(
                None,
                _("Not saved: “%(lesson)s” would no longer render with this value.")
                % {"lesson": refused.lesson.title},
            )
        else:
            messages.success(
                request,
                _("Saved. %(count)d lessons that cite it now have a new revision.")
                % {"count": len(update.lessons)},
            )
            return redirect("studio:checks")
    lessons = item.lessons.select_related("course").order_by("language", "course__order", "order")
    return render(
        request, "learning/studio/fact.html", {"fact": item, "form": form, "lessons": lessons}
    )


@require_http_methods(["GET", "POST"])
@educators_only
def translation(request: HttpRequest, language: str, course: str, lesson: str) -> HttpResponse:
    item = lesson_or_404(language, course, lesson)
    ahead = upkeep.behind_of(item, [item, *upkeep.translations_of(item)])
    if ahead is None:
        if request.method == "POST":
            messages.info(request, _("This translation is not behind."))
            return redirect("studio:edit", **lesson_kwargs(item))
        raise Http404
    behind = upkeep.Behind(item, ahead)
    form = InStepForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        upkeep.mark_in_step(item, ahead=ahead, by=request.user, note=form.cleaned_data["note"])
        messages.success(request, _("Marked as up to date; the note is kept."))
        return redirect("studio:index")
    return render(
        request,
        "learning/studio/translation.html",
        {"lesson": item, "behind": behind, "diff": upkeep.changes_since(behind), "form": form},
    )
