"""When a lesson's facts were checked, and when a translation has fallen behind.

**When a lesson was checked.** A lesson's checked date is the oldest of the
``checked`` dates of the facts it cites (through the register) and of its own
front matter's optional ``checked:`` date (for claims outside the register).
A lesson with neither has never been checked. A lesson or fact is *due* when its
checked date is older than ``settings.LESSON_RECHECK_MONTHS`` (default 12)
months; a lesson is also due when a fact it cites changed value after the
lesson's current revision (normally the change renders it again at once; this
catches a lesson that could not be rendered then).

**When a translation is behind.** Lessons sharing a translation key are
translations of each other. One is behind when another changed its text
(``Lesson.source_updated_at``: creation and fact re-renders do not count) after
the lesson's creation and after the group's last explicit "in step" mark
(``TranslationCheck``). Updating the translation does not clear the flag by
itself (and flags the other version in turn), because an update may also add
something new: the educator says when the versions are in step again, with a note,
and that clears the whole group.
"""

import datetime

from django.db.models import OuterRef, Subquery

from literacy.learning.models import Fact, Lesson


def lesson_checked_on(lesson: Lesson, facts: list[Fact]) -> datetime.date | None:
    return oldest(lesson.checked_on, *(fact.checked_on for fact in facts))


def oldest(*dates: datetime.date | None) -> datetime.date | None:
    return min((day for day in dates if day), default=None)


def oldest_fact_checked() -> Subquery:
    """For a lesson queryset's ``annotate``: the oldest checked date of its facts."""
    facts = Fact.objects.filter(lessons=OuterRef("pk")).order_by("checked_on")
    return Subquery(facts.values("checked_on")[:1])


def in_step_since(group: list[Lesson]) -> datetime.datetime | None:
    return max((x.translation_checked_at for x in group if x.translation_checked_at), default=None)


def behind_of(lesson: Lesson, group: list[Lesson]) -> Lesson | None:
    """The lesson in ``group`` (its translations) that moved ahead of it, if any."""
    marks = [lesson.created_at, in_step_since([lesson, *group])]
    floor = max(mark for mark in marks if mark)
    ahead = [
        other
        for other in group
        if other.pk != lesson.pk and other.source_updated_at and other.source_updated_at > floor
    ]
    return max(ahead, key=lambda other: other.source_updated_at, default=None)
