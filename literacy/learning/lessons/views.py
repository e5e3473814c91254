from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
)
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from literacy.learning.content import page_cache
from literacy.learning.content.embeds import CSRF_MARKER, FEEDBACK_MARKER
from literacy.learning.content.freshness import behind_of, oldest, oldest_fact_checked
from literacy.learning.lessons.feedback import Feedback, record_posted_answer
from literacy.learning.lessons.forms import AnswerForm
from literacy.learning.models import Course, Lesson, LessonRedirect
from literacy.learning.progress.learners import (
    Learner,
    record_visit,
    with_completion,
)

FEEDBACK_SESSION_KEY = "learning_feedback"


def index(request: HttpRequest) -> HttpResponse:
    courses = Course.objects.for_language(get_language()).published()
    return render(request, "learning/lessons/index.html", {"courses": courses})


def course(request: HttpRequest, course: str) -> HttpResponse:
    item = Course.objects.for_language(get_language()).published().filter(slug=course).first()
    if item is None:
        if not Course.objects.published().filter(slug=course).exists():
            raise Http404
        # Published only in another language (the language switch keeps the slug).
        messages.info(request, _("That course has not been translated into this language yet."))
        return redirect("lessons:index")
    lessons = list(item.lessons.published().order_by("order", "slug"))
    return render(request, "learning/lessons/course.html", {"course": item, "lessons": lessons})


def _published_lesson(course: str, lesson: str, learner: Learner | None) -> Lesson:
    """The lesson with its content, ``has_checks`` and the learner's ``completed_at``."""
    return get_object_or_404(
        with_completion(
            Lesson.objects.published()
            .with_content()
            .annotate(facts_checked_on=oldest_fact_checked()),
            learner,
        ),
        language=get_language(),
        course__slug=course,
        slug=lesson,
    )


def lesson(request: HttpRequest, course: str, lesson: str) -> HttpResponse:
    try:
        if page_cache.is_shareable(request):
            return page_cache.shared_page(
                request, lambda marker: _lesson_page(request, course, lesson, csrf_token=marker)
            )
        return _lesson_page(request, course, lesson)
    except Http404:
        renamed = LessonRedirect.lesson_at(get_language(), course, lesson)
        if renamed is not None:
            return HttpResponsePermanentRedirect(renamed.get_absolute_url())
        elsewhere = _untranslated_lesson_fallback(course, lesson)
        if elsewhere is None:
            raise
        messages.info(request, _("That lesson has not been translated into this language yet."))
        return redirect(elsewhere)


def _untranslated_lesson_fallback(course: str, lesson: str) -> str | None:
    """Where to send a learner who asked for a lesson published only in another
    language (the language switch keeps the slugs): its translation under another
    slug, else the course, else the list of courses. None for a lesson that does not
    exist (or is not published) in any language."""
    language = get_language()
    published = Lesson.objects.published()
    original = published.filter(course__slug=course, slug=lesson).exclude(language=language).first()
    if original is None:
        return None
    translation = published.filter(
        language=language, translation_key=original.translation_key
    ).first()
    if translation is not None:
        return translation.get_absolute_url()
    if Course.objects.for_language(language).published().filter(slug=course).exists():
        return reverse("lessons:course", kwargs={"course": course})
    return reverse("lessons:index")


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
        "translation_ahead": translation and behind_of(item, [item, translation]),
        "checked_on": oldest(item.checked_on, item.facts_checked_on),
        "has_checks": item.has_checks,
        "completed": item.completed_at is not None,
        "csrf_token": token,
    }
    return render(request, "learning/lessons/lesson.html", context)


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
                "learning/lessons/_feedback.html",
                Feedback.from_session(feedback).context(question),
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
    question, feedback = record_posted_answer(request, form)
    if request.htmx:
        return render(request, "learning/lessons/_feedback.html", feedback.context(question))
    request.session[FEEDBACK_SESSION_KEY] = {
        "lesson": item.pk,
        "question": question.key,
        **feedback.as_session(),
    }
    return redirect(f"{item.get_absolute_url()}#quiz-{question.key}")
