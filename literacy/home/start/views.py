"""Start here: the self-check form, the plan it leads to, and saving or forgetting it.

Nothing is stored unless the learner presses "Save this plan"; the plan is then kept
in their session (this browser), and "Forget my plan" deletes it.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from literacy.home.start.forms import SelfCheckForm
from literacy.home.start.plan import Plan, plan_for
from literacy.home.start.steps import action_entries, tool_entries
from literacy.learning.models import Lesson

SAVED_PLAN = "start_plan"


@never_cache
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action", "plan")
    if request.method == "POST" and action == "forget":
        request.session.pop(SAVED_PLAN, None)
        messages.success(request, _("Your plan has been deleted."))
        return redirect("start")
    saved = request.session.get(SAVED_PLAN) if request.method == "GET" else None
    if request.method == "GET" and (not isinstance(saved, dict) or "again" in request.GET):
        return render(request, "home/start/start.html", {"form": SelfCheckForm()})
    form = SelfCheckForm(request.POST if request.method == "POST" else saved)
    if not form.is_valid():
        return render(request, "home/start/start.html", {"form": form})
    if action == "save":
        request.session[SAVED_PLAN] = form.cleaned_data
        messages.success(request, _("Your plan is saved in this browser."))
        return redirect("start")
    plan = plan_for(form.answers())
    return render(request, "home/start/plan.html", _plan_context(form, plan, saved=bool(saved)))


def _plan_context(form: SelfCheckForm, plan: Plan, *, saved: bool) -> dict:
    found = {
        lesson.translation_key: lesson
        for lesson in Lesson.objects.published().filter(
            language=get_language(), translation_key__in=plan.lessons
        )
    }
    return {
        "form": form,
        "plan": plan,
        "first": action_entries(plan.actions[:1])[0],
        "next_actions": action_entries(plan.actions[1:]),
        "lessons": [found[key] for key in plan.lessons if key in found],
        "tools": tool_entries(plan.tools),
        "crisis": [str(kind) for kind in plan.crisis],
        "saved": saved,
    }
