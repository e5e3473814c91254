"""Lesson files leaving the studio, and lesson addresses changing.

``lesson_zip`` packs the same files ``export_lessons`` writes (one course, or
everything, with the register of facts) into a zip in memory, refusing beyond
``MAX_ZIP_SOURCE_BYTES`` of text. ``rename_lesson`` changes a lesson's slug and
keeps its old address as a ``LessonRedirect``, which the public lesson page
answers with a permanent redirect.
"""

import io
import zipfile
from pathlib import Path

from django.db import transaction
from django.db.models.functions import Now

from literacy.learning.content import page_cache
from literacy.learning.content.lesson_files import folder_files
from literacy.learning.models import Course, Lesson, LessonRedirect

MAX_ZIP_SOURCE_BYTES = 20 * 1024 * 1024  # far above today's ~1 MB of lessons


class TooLarge(Exception):
    """More lesson text than one download may carry."""


class SlugTaken(Exception):
    """Another lesson of the course already has (or had) that address."""


def lesson_zip(course: Course | None = None) -> bytes:
    """A zip of the lesson folder (``course`` only, when given) under ``lessons/``."""
    files = folder_files(Path("lessons"), None if course is None else [course])
    if sum(len(text.encode()) for _path, text in files) > MAX_ZIP_SOURCE_BYTES:
        raise TooLarge
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, text in files:
            archive.writestr(path.as_posix(), text)
    return buffer.getvalue()


@transaction.atomic
def rename_lesson(lesson: Lesson, slug: str, *, by) -> LessonRedirect | None:
    """Give ``lesson`` the address ``slug``; its old one redirects to it for good.

    An old address of the same lesson may be taken back (its redirect goes); an
    address another lesson has, or had, is refused."""
    if slug == lesson.slug:
        return None
    siblings = Lesson.objects.filter(course_id=lesson.course_id, slug=slug)
    elsewhere = LessonRedirect.objects.filter(course_id=lesson.course_id, old_slug=slug)
    if siblings.exists() or elsewhere.exclude(lesson=lesson).exists():
        raise SlugTaken(slug)
    elsewhere.delete()
    redirect = LessonRedirect.objects.create(
        course_id=lesson.course_id, old_slug=lesson.slug, lesson=lesson, renamed_by=by
    )
    Lesson.objects.filter(pk=lesson.pk).update(slug=slug, updated_at=Now())
    lesson.slug = slug
    page_cache.content_changed()
    return redirect
