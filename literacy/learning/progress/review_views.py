"""Review what you missed: the due questions, answering them, and the reminder e-mail.

Every view shows or changes only the requesting learner's own cards; the unsubscribe
link names its account by a signed token instead, so it works without logging in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from literacy.learning.lessons.feedback import Feedback, record_posted_answer
from literacy.learning.lessons.forms import AnswerForm
from literacy.learning.models import Lesson, Question
from literacy.learning.progress import reminders
from literacy.learning.progress.learners import Learner
from literacy.learning.progress.review import due_cards, next_due

FEEDBACK_SESSION_KEY = "review_feedback"


@never_cache
@require_GET
def review(request: HttpRequest) -> HttpResponse:
    learner = Learner.from_request(request)
    now = timezone.now()
    cards = list(due_cards(learner, get_language(), now))
    csrf_input = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    context = {
        "cards": cards,
        "csrf_input": csrf_input,
        "next_due": None if cards else next_due(learner, get_language()),
        "answered": _answered_feedback(request),
        "subscribed": request.user.is_authenticated and reminders.is_subscribed(request.user),
    }
    return render(request, "learning/progress/review.html", context)


def _answered_feedback(request: HttpRequest) -> dict | None:
    """The feedback on a no-JavaScript answer, shown once after its redirect."""
    stored = request.session.pop(FEEDBACK_SESSION_KEY, None) if request.session else None
    if not stored:
        return None
    question = Question.objects.filter(pk=stored["question"]).first()
    return Feedback.from_session(stored).context(question) if question else None


@require_POST
@ratelimit(key="ip", rate="120/m", method="POST", block=True)
def review_answer(request: HttpRequest) -> HttpResponse:
    lesson = get_object_or_404(
        Lesson.objects.published(), pk=_as_int(request.POST.get("lesson")), language=get_language()
    )
    form = AnswerForm(request.POST, lesson=lesson)
    if not form.is_valid() or form.is_forged:
        return HttpResponseBadRequest(form.errors.as_text(), content_type="text/plain")
    question, feedback = record_posted_answer(request, form)
    if request.htmx:
        return render(request, "learning/lessons/_feedback.html", feedback.context(question))
    request.session[FEEDBACK_SESSION_KEY] = {"question": question.pk, **feedback.as_session()}
    return redirect(reverse("progress:review") + "#answered")


def _as_int(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 12 else 0


@login_required
@require_POST
def reminder_settings(request: HttpRequest) -> HttpResponse:
    """Opt in to (or out of) the weekly reminder e-mail from the review page."""
    if request.POST.get("reminders") == "on":
        reminders.subscribe(request.user, get_language())
        messages.success(request, _("We will e-mail you at most once a week."))
    else:
        reminders.unsubscribe(request.user.pk)
        messages.success(request, _("You will get no more reminder e-mails."))
    return redirect("progress:review")


@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mail's link: GET asks to confirm (link scanners only GET), POST stops them."""
    user_id = reminders.user_id_from_token(token)
    if user_id is None:
        raise Http404
    if request.method == "POST":
        reminders.unsubscribe(user_id)
        return render(request, "learning/progress/unsubscribe.html", {"done": True})
    return render(request, "learning/progress/unsubscribe.html", {"done": False})
