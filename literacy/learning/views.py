from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import get_language
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from literacy.learning import page_cache
from literacy.learning.forms import AnswerForm
from literacy.learning.learners import Learner, record_answer, record_visit, with_completion
from literacy.learning.models import Course, Lesson
from literacy.learning.pipeline import CSRF_MARKER, FEEDBACK_MARKER

FEEDBACK_SESSION_KEY = "learning_feedback"


def index(request: HttpRequest) -> HttpResponse:
    courses = Course.objects.for_language(get_language()).published()
    return render(request, "learning/index.html", {"courses": courses})


def course(request: HttpRequest, course: str) -> HttpResponse:
    item = get_object_or_404(Course.objects.for_language(get_language()), slug=course)
    lessons = list(item.lessons.published().order_by("order", "slug"))
    if not lessons:
        return render(request, "404.html", status=404)
    return render(request, "learning/course.html", {"course": item, "lessons": lessons})


def _published_lesson(course: str, lesson: str, learner: Learner | None) -> Lesson:
    """The lesson with its content, ``has_checks`` and the learner's ``completed_at``."""
    return get_object_or_404(
        with_completion(Lesson.objects.published().with_content(), learner),
        language=get_language(),
        course__slug=course,
        slug=lesson,
    )


def lesson(request: HttpRequest, course: str, lesson: str) -> HttpResponse:
    if page_cache.is_shareable(request):
        return page_cache.shared_page(
            request, lambda marker: _lesson_page(request, course, lesson, csrf_token=marker)
        )
    return _lesson_page(request, course, lesson)


def _lesson_page(
    request: HttpRequest, course: str, lesson: str, *, csrf_token: str | None = None
) -> HttpResponse:
    """The page; ``csrf_token`` stands in for the request's token in a shared page."""
    learner = Learner.from_request(request)
    item = _published_lesson(course, lesson, learner)
    if learner is not None:
        record_visit(item, learner)
    previous, following, translation = item.surroundings()
    token = csrf_token or get_token(request)
    context = {
        "lesson": item,
        "course": item.course,
        "revision": item.current_revision,
        "body": _lesson_body(request, item, token),
        "previous": previous,
        "next": following,
        "translation": translation,
        "has_checks": item.has_checks,
        "completed": item.completed_at is not None,
        "csrf_token": token,
    }
    return render(request, "learning/lesson.html", context)


def _lesson_body(request: HttpRequest, item: Lesson, csrf_token: str) -> str:
    """The stored HTML with the CSRF input and any no-JavaScript feedback."""
    body = item.current_revision.html.replace(
        CSRF_MARKER,
        format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token),
    )
    feedback = (
        request.session.pop(FEEDBACK_SESSION_KEY, None) if request.session.session_key else None
    )
    if feedback and feedback["lesson"] == item.pk:
        question = item.questions.current().filter(key=feedback["question"]).first()
        if question is not None:
            html = render_to_string(
                "learning/_feedback.html",
                {
                    "question": question,
                    "chosen": feedback["chosen"],
                    "correct": feedback["correct"],
                    "lesson_completed": feedback.get("lesson_completed", False),
                },
                request=request,
            )
            body = body.replace(FEEDBACK_MARKER.format(key=question.key), html)
    return body


@require_POST
@ratelimit(key="ip", rate="120/m", method="POST", block=True)
def answer(request: HttpRequest, course: str, lesson: str) -> HttpResponse:
    item = get_object_or_404(
        Lesson.objects.published(), language=get_language(), course__slug=course, slug=lesson
    )
    form = AnswerForm(request.POST, lesson=item)
    if not form.is_valid() or form.is_forged:
        return HttpResponseBadRequest(form.errors.as_text(), content_type="text/plain")
    question, chosen = form.cleaned_data["question"], form.cleaned_data["choice"]
    attempt = (
        record_answer(question, Learner.from_request(request, create=True), chosen)
        if chosen
        else None
    )
    feedback = {
        "chosen": chosen,
        "correct": attempt is not None and attempt.answer.correct,
        "lesson_completed": attempt is not None and attempt.completed_lesson,
    }
    if request.htmx:
        return render(request, "learning/_feedback.html", {"question": question, **feedback})
    request.session[FEEDBACK_SESSION_KEY] = {
        "lesson": item.pk,
        "question": question.key,
        **feedback,
    }
    return redirect(f"{item.get_absolute_url()}#quiz-{question.key}")
