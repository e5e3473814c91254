"""The studio's upkeep: facts and lessons due for re-checking, translations behind.

The rules (what "checked" and "behind" mean) are in
``literacy.learning.content.freshness``; this module finds them across the site.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.db.models.functions import Now
from django.utils import timezone

from literacy.learning.content import page_cache
from literacy.learning.content.freshness import behind_of, in_step_since, lesson_checked_on
from literacy.learning.models import Fact, Lesson, Revision, TranslationCheck
from literacy.learning.studio.services import DiffLine, LanguageGroup, source_diff

DEFAULT_RECHECK_MONTHS = 12


def recheck_months() -> int:
    return getattr(settings, "LESSON_RECHECK_MONTHS", DEFAULT_RECHECK_MONTHS)


def due_before(today: datetime.date) -> datetime.date:
    """Checked before this date means due: ``recheck_months()`` calendar months ago
    (the 31st falls back to the month's last day)."""
    months = today.year * 12 + today.month - 1 - recheck_months()
    year, month = divmod(months, 12)
    for day in (today.day, 30, 29, 28):
        try:
            return datetime.date(year, month + 1, day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


@dataclass
class LessonUpkeep:
    lesson: Lesson
    checked_on: datetime.date | None
    changed_facts: list[Fact] = field(default_factory=list)
    due: bool = False


@dataclass
class Upkeep:
    due_before: datetime.date
    facts: list[Fact]
    due_facts: list[Fact]
    lessons: list[LessonUpkeep]
    behind: list["Behind"]

    @property
    def due_lessons(self) -> list[LessonUpkeep]:
        return [row for row in self.lessons if row.due]


def upkeep(today: datetime.date | None = None) -> Upkeep:
    """Facts, lessons and translations that need an educator. Three queries."""
    limit = due_before(today or timezone.localdate())
    facts = list(Fact.objects.select_related("base"))
    lessons = list(
        Lesson.objects.select_related("course", "current_revision")
        .defer("current_revision__source", "current_revision__html", "current_revision__toc")
        .prefetch_related(Prefetch("facts", queryset=Fact.objects.only("pk")))
        .order_by("language", "course__order", "order", "slug")
    )
    by_id = {fact.pk: fact for fact in facts}
    rows = []
    for lesson in lessons:
        cited = [by_id[fact.pk] for fact in lesson.facts.all()]
        revised = lesson.current_revision.created_at if lesson.current_revision else None
        row = LessonUpkeep(lesson, lesson_checked_on(lesson, cited))
        row.changed_facts = [
            fact
            for fact in cited
            if fact.value_changed_at and revised and fact.value_changed_at > revised
        ]
        row.due = row.checked_on is None or row.checked_on < limit or bool(row.changed_facts)
        rows.append(row)
    return Upkeep(
        due_before=limit,
        facts=facts,
        due_facts=[fact for fact in facts if fact.checked_on < limit],
        lessons=rows,
        behind=translations_behind(lessons),
    )


# ---------------------------------------------------------------- translations


@dataclass
class Behind:
    lesson: Lesson  # the translation that is behind
    ahead: Lesson  # the version that changed since

    @property
    def since(self) -> datetime.datetime:
        return self.ahead.source_updated_at


def translations_behind(lessons: list[Lesson]) -> list[Behind]:
    groups: dict[str, list[Lesson]] = {}
    for lesson in lessons:
        groups.setdefault(lesson.translation_key, []).append(lesson)
    found = []
    for lesson in lessons:
        ahead = behind_of(lesson, groups[lesson.translation_key])
        if ahead is not None:
            found.append(Behind(lesson, ahead))
    return found


def annotate_overview(overview: list[LanguageGroup]) -> None:
    """Each row of the studio's overview gets its checked date and behind flag
    (from what ``lesson_overview`` already read: no query)."""
    rows = [row for language in overview for group in language.courses for row in group.rows]
    groups: dict[str, list[Lesson]] = {}
    for row in rows:
        groups.setdefault(row.lesson.translation_key, []).append(row.lesson)
    for row in rows:
        row.behind = behind_of(row.lesson, groups[row.lesson.translation_key])
        row.checked_on = lesson_checked_on(row.lesson, list(row.lesson.facts.all()))


def translations_of(lesson: Lesson) -> list[Lesson]:
    return list(
        Lesson.objects.filter(translation_key=lesson.translation_key)
        .exclude(pk=lesson.pk)
        .select_related("course", "current_revision")
    )


def changes_since(behind: Behind) -> list[DiffLine]:
    """What the version ahead changed since the translation was last in step: the
    diff from its revision current at that moment to its current revision."""
    marks = [behind.lesson.created_at, in_step_since([behind.lesson, behind.ahead])]
    since = max(mark for mark in marks if mark)
    revisions = Revision.objects.filter(lesson=behind.ahead).only("source")
    then = revisions.filter(created_at__lte=since).first() or revisions.last()
    return source_diff(then.source, behind.ahead.current_revision.source)


@transaction.atomic
def mark_in_step(lesson: Lesson, *, ahead: Lesson, by, note: str) -> TranslationCheck:
    """Record that ``lesson`` says again what ``ahead`` says; clears the flag."""
    check = TranslationCheck.objects.create(
        lesson=lesson, against=ahead.current_revision, checked_by=by, note=note
    )
    Lesson.objects.filter(pk=lesson.pk).update(
        translation_checked_at=check.checked_at, updated_at=Now()
    )
    lesson.translation_checked_at = check.checked_at
    page_cache.content_changed()
    return check
