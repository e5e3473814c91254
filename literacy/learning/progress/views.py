"""The learner's own progress: overview, certificates, "I've finished", export and reset.

Every view here shows or changes only the requesting learner's own records, found
through ``Learner.from_request``; no URL names another learner.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from literacy.learning.models import Lesson
from literacy.learning.progress.learners import Learner
from literacy.learning.progress.queries import (
    check_results,
    continue_lesson,
    course_progress,
    delete_progress,
    export_progress,
    mark_done,
)
from literacy.learning.progress.review import due_count
from literacy.negotiation.use_cases import requests_for_user


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    learner = Learner.from_request(request)
    courses = course_progress(learner, get_language())
    context = {
        "courses": courses,
        "continue_lesson": continue_lesson(courses),
        "results": check_results(learner, get_language()),
        "due_reviews": due_count(learner, get_language(), timezone.now()),
        "negotiation_requests": requests_for_user(request.user),
    }
    return render(request, "learning/progress/index.html", context)


@require_POST
def done(request: HttpRequest, lesson: int) -> HttpResponse:
    """ "I've finished this lesson", for lessons without knowledge checks."""
    lessons = Lesson.objects.published().with_checks()
    item = get_object_or_404(lessons, pk=lesson, language=get_language())
    completed = mark_done(Learner.from_request(request, create=True), item)
    context = {"lesson": item, "has_checks": item.has_checks, "completed": not item.has_checks}
    if request.htmx:
        return render(request, "learning/lessons/lesson.html#mark_done", context)
    if completed:
        messages.success(request, _("Lesson completed. Well done!"))
    return redirect(f"{item.get_absolute_url()}#lesson-done")


@require_GET
def certificate(request: HttpRequest, course: str) -> HttpResponse:
    """A printable certificate for a course the learner completed in full, else 404."""
    found = course_progress(Learner.from_request(request), get_language(), course_slug=course)
    if not found or not found[0].is_complete:
        raise Http404
    user = request.user if request.user.is_authenticated else None
    name = (user.first_name or user.get_username()) if user else None
    return render(
        request, "learning/progress/certificate.html", {"progress": found[0], "name": name}
    )


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    data = export_progress(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    filename = f"progress-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def reset(request: HttpRequest) -> HttpResponse:
    """Delete the learner's progress (an account holder's, or an anonymous visitor's)."""
    if request.method == "POST":
        delete_progress(Learner.from_request(request))
        messages.success(request, _("Your progress has been deleted."))
        return redirect("progress:index")
    return render(request, "learning/progress/reset.html")
