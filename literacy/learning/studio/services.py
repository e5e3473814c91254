"""The educators' studio: what happens when an educator previews, saves, publishes
or restores a lesson, and the overview of every lesson with its translation gaps.

Saving goes through ``authoring.apply_revision`` (shared with the lesson loader)
with an optimistic lock: the editor carries the lesson's ``version`` it started
from, and the save compares and increments it in one UPDATE, so two educators can
never silently overwrite each other. History is never rewritten: every save and
every restore is a new immutable ``Revision``.
"""

import datetime
import difflib
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _

from literacy.learning.content import page_cache, pipeline
from literacy.learning.content.front_matter import AuthoringError
from literacy.learning.content.revisions import StaleLessonError, apply_revision
from literacy.learning.models import Course, Fact, Lesson, Revision


class StaleVersion(Exception):
    """Someone else saved the lesson after this editor loaded it."""

    def __init__(self, lesson: Lesson) -> None:
        super().__init__(f"lesson {lesson.pk} is now at version {lesson.version}")
        self.lesson = lesson


class AuthoringProblems(Exception):
    """The source has authoring errors where none are allowed."""

    def __init__(self, errors: list[AuthoringError]) -> None:
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


def normalise_source(source: str) -> str:
    """Browsers send CRLF; files and revisions keep LF and one final newline."""
    return source.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n") + "\n"


def preview(source: str, *, language: str) -> pipeline.RenderedLesson:
    """The same rendering a save stores, for the live preview."""
    return pipeline.render_lesson(normalise_source(source), language=language)


# ---------------------------------------------------------------- writing


def save_source(*, lesson: Lesson, source: str, author, note: str, version: int) -> Revision | None:
    """Store ``source`` as the lesson's new current revision.

    Returns ``None`` when the source is unchanged (no empty revisions). Raises
    ``AuthoringProblems`` when the source has authoring errors (every stored
    revision renders cleanly), and ``StaleVersion`` when the lesson moved past
    ``version`` since the editor loaded it.
    """
    source = normalise_source(source)
    current = lesson.current_revision
    if current is not None and current.source == source:
        return None
    rendered = pipeline.render_lesson(source, language=lesson.language)
    if rendered.errors:
        raise AuthoringProblems(rendered.errors)
    try:
        return apply_revision(
            lesson,
            source=source,
            rendered=rendered,
            author=author,
            note=note,
            expected_version=version,
        )
    except StaleLessonError:
        raise StaleVersion(
            Lesson.objects.select_related("current_revision__author").get(pk=lesson.pk)
        ) from None


def restore(*, lesson: Lesson, revision: Revision, author, version: int) -> Revision | None:
    """Make an old revision's source current again, as a NEW revision."""
    when = timezone.localtime(revision.created_at).strftime("%Y-%m-%d %H:%M")
    return save_source(
        lesson=lesson,
        source=revision.source,
        author=author,
        note=_("Restored the revision of %(when)s") % {"when": when},
        version=version,
    )


def create_course(*, language: str, slug: str, title: str, summary: str) -> Course:
    last = Course.objects.filter(language=language).order_by("-order").first()
    return Course.objects.create(
        language=language,
        slug=slug,
        title=title,
        summary=summary,
        order=(last.order + 1) if last else 1,
    )


def create_lesson(
    *, course: Course, slug: str, order: int, source: str, author, note: str
) -> Lesson:
    """A new draft lesson in ``course``; its title, summary and translation key come
    from the source's front matter, its reading time from the text."""
    source = normalise_source(source)
    rendered = pipeline.render_lesson(source, language=course.language)
    if rendered.errors:
        raise AuthoringProblems(rendered.errors)
    lesson = Lesson(course=course, slug=slug, order=order, language=course.language)
    apply_revision(lesson, source=source, rendered=rendered, author=author, note=note)
    return lesson


def publish(lesson: Lesson) -> None:
    """Publish the current revision; refused while it has authoring errors."""
    if lesson.current_revision is None:
        raise AuthoringProblems([AuthoringError(1, _("The lesson has no text yet."))])
    rendered = pipeline.render_lesson(lesson.current_revision.source, language=lesson.language)
    if rendered.errors:
        raise AuthoringProblems(rendered.errors)
    # Only if nobody replaced the revision that was just checked.
    Lesson.objects.filter(pk=lesson.pk, current_revision=lesson.current_revision).update(
        status=Lesson.Status.PUBLISHED, updated_at=Now()
    )
    page_cache.content_changed()
    lesson.refresh_from_db()


def unpublish(lesson: Lesson) -> None:
    Lesson.objects.filter(pk=lesson.pk).update(status=Lesson.Status.DRAFT, updated_at=Now())
    page_cache.content_changed()
    lesson.refresh_from_db()


# ---------------------------------------------------------------- reading


def author_name(user) -> str:
    if user is None:
        return _("an unknown author")
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "context", "removed", "added" or "gap" (unchanged lines left out)
    old_number: int | None
    new_number: int | None
    text: str


# difflib is quadratic (worse with many equal lines): two 24 KB revisions took 11 s.
# The unchanged head and tail are matched in linear time; the changed middle is
# compared only up to this many lines, else "too large to compare" is shown.
MAX_DIFF_LINES = 400


def source_diff(old: str, new: str, *, context: int = 3) -> list[DiffLine]:
    """Line diff of two sources, unchanged stretches cut to ``context`` lines; a single
    "too-large" line when the changed part is too long to compare in bounded time."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    head = 0
    while head < min(len(old_lines), len(new_lines)) and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(old_lines), len(new_lines)) - head
        and old_lines[-1 - tail] == new_lines[-1 - tail]
    ):
        tail += 1
    if (len(old_lines) - head - tail) + (len(new_lines) - head - tail) > MAX_DIFF_LINES:
        return [DiffLine("too-large", None, None, "")]
    # Only the changed middle (with its context lines) goes to the matcher.
    start, cut = max(0, head - context), max(0, tail - context)
    old_mid = old_lines[start : len(old_lines) - cut]
    new_mid = new_lines[start : len(new_lines) - cut]
    matcher = difflib.SequenceMatcher(a=old_mid, b=new_mid, autojunk=False)
    lines: list[DiffLine] = []
    for number, group in enumerate(matcher.get_grouped_opcodes(context)):
        if number or start + group[0][1] > 0:
            lines.append(DiffLine("gap", None, None, ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(
                    DiffLine("context", start + i + 1, start + j + 1, old_mid[i])
                    for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                )
                continue
            lines.extend(
                DiffLine("removed", start + i + 1, None, old_mid[i]) for i in range(i1, i2)
            )
            lines.extend(DiffLine("added", None, start + j + 1, new_mid[j]) for j in range(j1, j2))
    return lines


@dataclass
class Translation:
    language: str
    language_name: str
    lesson: Lesson | None


@dataclass
class LessonRow:
    lesson: Lesson
    translations: list[Translation] = field(default_factory=list)
    behind: Lesson | None = None  # the translation that moved ahead of it (``upkeep``)
    checked_on: datetime.date | None = None


@dataclass
class CourseGroup:
    course: Course
    rows: list[LessonRow] = field(default_factory=list)


@dataclass
class LanguageGroup:
    code: str
    name: str
    courses: list[CourseGroup] = field(default_factory=list)


def lesson_overview() -> list[LanguageGroup]:
    """Every course and lesson by language, with each lesson's last edit and its
    translations, missing ones included, and the facts each cites. Three queries
    whatever the number of lessons."""
    lessons = (
        Lesson.objects.select_related("current_revision__author")
        .defer("current_revision__source", "current_revision__html", "current_revision__toc")
        .prefetch_related(Prefetch("facts", queryset=Fact.objects.only("pk", "checked_on")))
    )
    courses = list(
        Course.objects.order_by("order", "slug").prefetch_related(
            Prefetch("lessons", queryset=lessons.order_by("order", "slug"))
        )
    )
    by_key = {
        (lesson.language, lesson.translation_key): lesson
        for course in courses
        for lesson in course.lessons.all()
    }
    languages = [LanguageGroup(code, str(name)) for code, name in settings.LANGUAGES]
    group_of = {group.code: group for group in languages}
    for course in courses:
        course_group = CourseGroup(course)
        for lesson in course.lessons.all():
            others = [
                Translation(
                    group.code, group.name, by_key.get((group.code, lesson.translation_key))
                )
                for group in languages
                if group.code != lesson.language
            ]
            course_group.rows.append(LessonRow(lesson, others))
        group_of[course.language].courses.append(course_group)
    return languages


def translation_initial(lesson: Lesson, language: str) -> dict:
    """What the new-lesson form starts from when translating ``lesson``: the same
    slug, order and source (front matter with the shared translation key), in the
    counterpart course, or a new course with the same slug."""
    counterpart = Course.objects.filter(language=language, slug=lesson.course.slug).first()
    initial = {
        "slug": lesson.slug,
        "order": lesson.order,
        "source": lesson.current_revision.source if lesson.current_revision else "",
    }
    if counterpart is not None:
        return {**initial, "course": counterpart.pk}
    return {
        **initial,
        "new_course_language": language,
        "new_course_slug": lesson.course.slug,
        "new_course_title": lesson.course.title,
        "new_course_summary": lesson.course.summary,
    }
