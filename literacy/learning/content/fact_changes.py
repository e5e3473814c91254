"""Changing the register of facts: one fact at a time, every lesson that cites it with it.

``update_fact`` is the one writer (the studio's fact form and ``load_lessons`` both
call it). In one transaction it stores the fact, renders again every lesson whose
current revision cites it (or a fact derived from it) and stores each changed
rendering as a new revision whose note names the change. If any of those lessons
no longer renders, nothing is changed at all.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from literacy.learning.content import fact_store, page_cache
from literacy.learning.content.fact_register import FactEntry, Register
from literacy.learning.content.fact_store import current_register
from literacy.learning.content.front_matter import AuthoringError
from literacy.learning.content.pipeline import render_lesson
from literacy.learning.content.revisions import apply_revision
from literacy.learning.models import Fact, Lesson

NOTE_CHARS = 200  # Revision.note


class FactChangeRefused(Exception):
    """A lesson citing the fact would no longer render; nothing was changed."""

    def __init__(self, lesson: Lesson, errors: list[AuthoringError]) -> None:
        super().__init__(f"{lesson}: " + "; ".join(map(str, errors)))
        self.lesson, self.errors = lesson, errors


@dataclass
class FactUpdate:
    fact: Fact
    created: bool = False
    changed: bool = False  # anything about the fact
    value_changed: bool = False
    lessons: list[Lesson] = field(default_factory=list)  # those given a new revision


FIELDS = ("label_en", "label_zh", "unit", "source", "url", "as_of")


def _fields_of(entry: FactEntry) -> dict:
    return {
        **{name: getattr(entry, name) for name in FIELDS},
        "checked_on": entry.checked,
        "value": entry.value,
        "times": entry.times,
    }


@transaction.atomic
def update_fact(entry: FactEntry, *, author=None, note: str = "") -> FactUpdate:
    """Make the register's ``entry.key`` say ``entry``; lessons citing it follow."""
    before = current_register()
    fact = Fact.objects.select_for_update().filter(key=entry.key).first()
    update = FactUpdate(fact=fact or Fact(key=entry.key), created=fact is None)
    fact = update.fact
    base = Fact.objects.get(key=entry.of) if entry.of else None
    values = {**_fields_of(entry), "base": base}
    if not update.created and all(getattr(fact, k) == v for k, v in values.items()):
        return update
    for name, value in values.items():
        setattr(fact, name, value)
    after = Register({**before.entries, entry.key: entry})
    old = before.value(entry.key) if entry.key in before.entries else None
    update.changed = True
    update.value_changed = old is not None and old != after.value(entry.key)
    if update.value_changed:
        fact.value_changed_at = timezone.now()
        fact.derived.update(value_changed_at=fact.value_changed_at)
    fact.save()
    fact_store.changed()
    if not update.created:
        change = _describe(entry.key, old, after.value(entry.key), entry.checked, note)
        update.lessons = _render_citing_lessons(fact, after, author=author, note=change)
    page_cache.content_changed()
    return update


def _describe(key: str, old: str | None, new: str, checked, note: str) -> str:
    said = f"Fact {key}: {old} → {new}" if old != new else f"Fact {key} checked {checked}"
    return (f"{said}. {note}" if note else said)[:NOTE_CHARS]


def _render_citing_lessons(fact: Fact, register: Register, *, author, note: str) -> list:
    changed = []
    lessons = (
        Lesson.objects.filter(facts=fact)
        .select_related("current_revision")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    for lesson in lessons:
        current = lesson.current_revision
        rendered = render_lesson(current.source, language=lesson.language, facts=register)
        if rendered.errors:
            raise FactChangeRefused(lesson, rendered.errors)
        if (rendered.html, rendered.toc) == (current.html, current.toc):
            continue
        apply_revision(lesson, source=current.source, rendered=rendered, author=author, note=note)
        changed.append(lesson)
    return changed


def load_register(register: Register) -> list[FactUpdate]:
    """Bring the database's register in line with a file's: bases before derived facts.

    Facts missing from the file stay (a lesson may still cite them)."""
    ordered = sorted(register.entries.values(), key=lambda entry: (bool(entry.of), entry.key))
    updates = [update_fact(entry, note="Loaded from facts.yaml") for entry in ordered]
    return [update for update in updates if update.changed]
