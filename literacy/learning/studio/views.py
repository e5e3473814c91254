"""The educators' studio: thin views over ``studio_forms`` and ``studio``."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from literacy.accounts.roles import EDUCATORS, role_required
from literacy.learning.models import Lesson
from literacy.learning.studio import authoring_guide, upkeep
from literacy.learning.studio import services as studio
from literacy.learning.studio.forms import (
    LessonSourceForm,
    NewLessonForm,
    PreviewForm,
    RestoreForm,
)

educators_only = role_required(EDUCATORS)


def lesson_or_404(language: str, course: str, lesson: str) -> Lesson:
    return get_object_or_404(
        Lesson.objects.select_related("course", "current_revision__author"),
        course__language=language,
        course__slug=course,
        slug=lesson,
    )


def lesson_kwargs(lesson: Lesson) -> dict:
    return {"language": lesson.language, "course": lesson.course.slug, "lesson": lesson.slug}


@require_GET
@educators_only
def index(request: HttpRequest) -> HttpResponse:
    overview = studio.lesson_overview()
    upkeep.annotate_overview(overview)
    return render(request, "learning/studio/index.html", {"overview": overview})


@require_POST
@educators_only
def preview(request: HttpRequest) -> HttpResponse:
    form = PreviewForm(request.POST)
    if not form.is_valid():
        return render(
            request, "learning/studio/_preview.html", {"form_errors": form.errors}, status=400
        )
    rendered = studio.preview(
        form.cleaned_data["source"], language=form.language_code(get_language())
    )
    return render(request, "learning/studio/_preview.html", {"rendered": rendered})


@require_http_methods(["GET", "POST"])
@educators_only
def create(request: HttpRequest) -> HttpResponse:
    initial = {"source": authoring_guide.skeleton(), **_translation_initial(request)}
    form = NewLessonForm(request.POST or None, initial=initial)
    if request.method == "POST" and request.POST.get("action") != "preview" and form.is_valid():
        lesson = form.save(author=request.user)
        if lesson is not None:
            messages.success(request, _("The draft lesson is saved."))
            return redirect("studio:edit", **lesson_kwargs(lesson))
    language = (form.language() if form.is_bound and form.is_valid() else None) or get_language()
    return render(
        request,
        "learning/studio/create.html",
        {
            "form": form,
            "rendered": studio.preview(form["source"].value() or "", language=language),
            "guide": authoring_guide.guide(),
        },
    )


def _translation_initial(request: HttpRequest) -> dict:
    """``?translation_of=<id>&language=<code>`` prefills a translation."""
    original = request.GET.get("translation_of", "")
    language = request.GET.get("language", "")
    if not original.isdigit() or language not in dict(settings.LANGUAGES):
        return {}
    lesson = get_object_or_404(
        Lesson.objects.select_related("course", "current_revision"), pk=original
    )
    return studio.translation_initial(lesson, language)


@require_http_methods(["GET", "POST"])
@educators_only
def edit(request: HttpRequest, language: str, course: str, lesson: str) -> HttpResponse:
    lesson = lesson_or_404(language, course, lesson)
    current = lesson.current_revision
    form = LessonSourceForm(
        request.POST or None,
        initial={"source": current.source if current else "", "version": lesson.version},
    )
    if request.method == "POST" and request.POST.get("action") != "preview" and form.is_valid():
        revision = form.save(lesson=lesson, author=request.user)
        if not form.errors:
            messages.success(
                request, _("Saved.") if revision else _("Nothing to save: the text is unchanged.")
            )
            return redirect("studio:edit", **lesson_kwargs(lesson))
    return render(
        request,
        "learning/studio/edit.html",
        {
            "lesson": lesson,
            "form": form,
            "rendered": studio.preview(form["source"].value() or "", language=lesson.language),
            "guide": authoring_guide.guide(),
        },
    )


@require_POST
@educators_only
def publish(request: HttpRequest, language: str, course: str, lesson: str) -> HttpResponse:
    lesson = lesson_or_404(language, course, lesson)
    try:
        studio.publish(lesson)
    except studio.AuthoringProblems as problems:
        messages.error(
            request,
            _("Not published: the lesson has %(count)d authoring errors; the preview shows them.")
            % {"count": len(problems.errors)},
        )
    else:
        messages.success(request, _("Published."))
    return redirect("studio:edit", **lesson_kwargs(lesson))


@require_POST
@educators_only
def unpublish(request: HttpRequest, language: str, course: str, lesson: str) -> HttpResponse:
    lesson = lesson_or_404(language, course, lesson)
    studio.unpublish(lesson)
    messages.success(request, _("Unpublished: learners no longer see this lesson."))
    return redirect("studio:edit", **lesson_kwargs(lesson))


@require_GET
@educators_only
def history(request: HttpRequest, language: str, course: str, lesson: str) -> HttpResponse:
    lesson = lesson_or_404(language, course, lesson)
    revisions = lesson.revisions.select_related("author").defer("html", "toc", "source")
    return render(
        request, "learning/studio/history.html", {"lesson": lesson, "revisions": revisions}
    )


@require_GET
@educators_only
def diff(
    request: HttpRequest, language: str, course: str, lesson: str, revision: int
) -> HttpResponse:
    lesson = lesson_or_404(language, course, lesson)
    old = get_object_or_404(lesson.revisions.select_related("author"), pk=revision)
    return render(
        request,
        "learning/studio/diff.html",
        {
            "lesson": lesson,
            "revision": old,
            "author": studio.author_name(old.author),
            "diff": studio.source_diff(old.source, lesson.current_revision.source),
            "restore_form": RestoreForm(initial={"version": lesson.version}),
        },
    )


@require_POST
@educators_only
def restore(
    request: HttpRequest, language: str, course: str, lesson: str, revision: int
) -> HttpResponse:
    lesson = lesson_or_404(language, course, lesson)
    old = get_object_or_404(lesson.revisions, pk=revision)
    form = RestoreForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    if lesson.is_published and not form.cleaned_data["confirmed"]:
        # Learners would see the old text at once: ask first (a page, no script).
        return render(
            request,
            "learning/studio/restore_confirm.html",
            {"lesson": lesson, "revision": old, "author": studio.author_name(old.author),
             "form": form},
        )  # fmt: skip
    try:
        restored = studio.restore(
            lesson=lesson, revision=old, author=request.user, version=form.cleaned_data["version"]
        )
    except studio.StaleVersion as stale:
        messages.error(request, _stale_message(stale.lesson))
        return redirect("studio:history", **lesson_kwargs(lesson))
    except studio.AuthoringProblems:
        messages.error(
            request,
            _("Not restored: that revision no longer passes today's authoring checks."),
        )
        return redirect("studio:diff", revision=old.pk, **lesson_kwargs(lesson))
    messages.success(
        request,
        _("Restored as a new revision.") if restored else _("That revision is the current text."),
    )
    return redirect("studio:edit", **lesson_kwargs(lesson))


def _stale_message(lesson: Lesson) -> str:
    revision = lesson.current_revision
    return _(
        "Not restored: %(who)s saved this lesson at %(when)s, after you opened this page. "
        "Compare again before restoring."
    ) % {
        "who": studio.author_name(revision.author),
        "when": date_format(localtime(revision.created_at), "DATETIME_FORMAT"),
    }
