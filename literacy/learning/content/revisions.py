"""Saving lesson content: one function that every writer (files, studio) goes through."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from literacy.learning.content import page_cache
from literacy.learning.content.glossary_links import linked_html
from literacy.learning.content.pipeline import RenderedLesson
from literacy.learning.models import Fact, Lesson, Question, Revision


class StaleLessonError(Exception):
    """Someone saved the lesson after the editor loaded it (optimistic lock)."""


@transaction.atomic
def apply_revision(
    lesson: Lesson,
    *,
    source: str,
    rendered: RenderedLesson,
    author: AbstractBaseUser | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Revision:
    """Store ``source`` as the lesson's new current revision.

    ``rendered`` must be ``render_lesson(source)`` without errors. The lesson's
    denormalised fields and its questions follow the new revision; questions that
    disappeared are retired (their answers stay). With ``expected_version`` the
    save is refused when the lesson has moved on since the editor loaded it.
    """
    if rendered.errors:
        raise ValueError("A lesson with authoring errors cannot be saved.")
    previous_source = None
    if lesson.pk is None:
        _copy_meta(lesson, rendered)
        lesson.save()
        current = 0
    else:
        previous_source = lesson.current_revision.source if lesson.current_revision else None
        # The row lock makes "check the version, then write" one step on PostgreSQL;
        # SQLite runs write transactions one at a time (transaction_mode IMMEDIATE).
        current = (
            Lesson.objects.select_for_update().values_list("version", flat=True).get(pk=lesson.pk)
        )
        if expected_version is not None and current != expected_version:
            raise StaleLessonError(lesson.pk)
    revision = Revision.objects.create(
        lesson=lesson,
        source=source,
        html=linked_html(rendered.html, lesson.language),
        toc=rendered.toc,
        reading_minutes=rendered.reading_minutes,
        author=author,
        note=note,
    )
    _copy_meta(lesson, rendered)
    lesson.current_revision = revision
    lesson.version = current + 1
    if previous_source is not None and previous_source != source:
        lesson.source_updated_at = revision.created_at
    lesson.save()
    _sync_questions(lesson, rendered)
    lesson.facts.set(Fact.objects.filter(key__in=rendered.facts))
    page_cache.content_changed()
    return revision


def _copy_meta(lesson: Lesson, rendered: RenderedLesson) -> None:
    lesson.title = rendered.meta["title"].strip()
    lesson.summary = rendered.meta["summary"].strip()
    lesson.minutes = rendered.reading_minutes
    lesson.translation_key = rendered.meta["translation"]
    lesson.checked_on = rendered.meta.get("checked")


def _sync_questions(lesson: Lesson, rendered: RenderedLesson) -> None:
    keys = []
    for parsed in rendered.questions:
        Question.objects.update_or_create(
            lesson=lesson,
            key=parsed.key,
            defaults={
                "prompt": parsed.prompt,
                "choices": parsed.choices,
                "correct": parsed.correct,
                "multiple": parsed.multiple,
                "explanation_html": parsed.explanation_html,
                "order": parsed.order,
                "retired": False,
            },
        )
        keys.append(parsed.key)
    lesson.questions.exclude(key__in=keys).update(retired=True)
