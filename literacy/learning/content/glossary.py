"""Glossary terms: read from and written to ``<language>/glossary/<slug>.md``, and
changed by educators; every change re-links the lessons that use the term.

A term file::

    ---
    term: 罚息
    aliases: [逾期罚息]
    source: 最高人民法院民间借贷司法解释第二十八条
    source_date: 2020-12-29
    calculators: [overdue]
    ---
    The plain definition (paragraphs separated by blank lines).

The slug (the file name) is the same in both languages; that pairs a term with
its translation.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from literacy.learning.content import page_cache
from literacy.learning.content.front_matter import SLUG_RE, split_front_matter
from literacy.learning.models import GlossaryChange, GlossaryTerm, Lesson

FOLDER = "glossary"
MAX_FORMS = 10
FIELDS = ("term", "aliases", "definition", "source", "source_date", "calculators")


@dataclass
class TermFile:
    path: Path
    language: str
    slug: str
    values: dict = field(default_factory=dict)


def _validate(meta: object, body: str, path: Path) -> tuple[dict, list[str]]:
    if not isinstance(meta, dict):
        return {}, [f"{path}:2: the front matter is a mapping (term: …)"]
    errors = [f"{path}:2: unknown field {name!r}" for name in meta if name not in FIELDS]
    term, aliases = meta.get("term"), meta.get("aliases", [])
    calculators, date = meta.get("calculators", []), meta.get("source_date")
    if not isinstance(term, str) or not term.strip() or len(term) > 80:
        errors.append(f"{path}:2: term: text of 1 to 80 characters")
    if not (
        isinstance(aliases, list)
        and len(aliases) <= MAX_FORMS
        and all(isinstance(a, str) and 0 < len(a.strip()) <= 80 for a in aliases)
    ):
        errors.append(f"{path}:2: aliases: a list of at most {MAX_FORMS} short texts")
    if not (
        isinstance(calculators, list)
        and all(isinstance(c, str) and SLUG_RE.match(c) for c in calculators)
    ):
        errors.append(f"{path}:2: calculators: a list of calculator names")
    if date is not None and not isinstance(date, datetime.date):
        errors.append(f"{path}:2: source_date: a date like 2021-03-15")
    source = meta.get("source", "")
    if not isinstance(source, str) or len(source) > 300:
        errors.append(f"{path}:2: source: text of at most 300 characters")
    definition = body.strip()
    if not definition or len(definition) > 2000:
        errors.append(f"{path}:2: the definition (after the front matter) is 1 to 2000 characters")
    values = {
        "term": str(term).strip(),
        "aliases": [a.strip() for a in aliases] if isinstance(aliases, list) else [],
        "definition": definition,
        "source": source.strip() if isinstance(source, str) else "",
        "source_date": date,
        "calculators": calculators,
    }
    return values, errors


def read_glossary(root: Path) -> tuple[list[TermFile], list[str]]:
    """Every term file under ``root/<language>/glossary/``, validated."""
    found, errors = [], []
    for language, _name in settings.LANGUAGES:
        folder = root / language / FOLDER
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.md")):
            if not SLUG_RE.match(path.stem):
                errors.append(f"{path}:1: a term file is named slug.md, like penalty-interest.md")
                continue
            front, body, _line, problems = split_front_matter(path.read_text(encoding="utf-8"))
            errors.extend(f"{path}:{problem.line}: {problem.message}" for problem in problems)
            if problems:
                continue
            try:
                meta = yaml.safe_load(front)
            except yaml.YAMLError:
                errors.append(f"{path}:2: the front matter is not valid YAML")
                continue
            values, problems = _validate(meta, body, path)
            errors.extend(problems)
            if not problems:
                found.append(TermFile(path, language, path.stem, values))
    return found, errors


def load_glossary(root: Path) -> tuple[int, list[str]]:
    """Create or update every valid term file; returns (terms changed, errors).
    Unchanged files write nothing, so loading twice changes nothing."""
    files, errors = read_glossary(root)
    changed = 0
    for term_file in files:
        existing = GlossaryTerm.objects.filter(
            language=term_file.language, slug=term_file.slug
        ).first()
        if existing is None:
            existing = GlossaryTerm(language=term_file.language, slug=term_file.slug)
        elif all(getattr(existing, name) == value for name, value in term_file.values.items()):
            continue
        save_term(
            existing,
            values=term_file.values,
            author=None,
            note=f"Loaded from {term_file.path.name}",
        )
        changed += 1
    return changed, errors


def _dump(term: GlossaryTerm) -> str:
    meta = {"term": term.term}
    if term.aliases:
        meta["aliases"] = term.aliases
    if term.source:
        meta["source"] = term.source
    if term.source_date:
        meta["source_date"] = term.source_date
    if term.calculators:
        meta["calculators"] = term.calculators
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n{term.definition}\n"


def glossary_files(root: Path) -> list[tuple[Path, str]]:
    """(path, text) of every term, for ``export_folder``."""
    files = []
    for term in GlossaryTerm.objects.order_by("language", "slug"):
        if not SLUG_RE.match(term.slug) or term.language not in dict(settings.LANGUAGES):
            raise ValueError(f"refusing to write glossary term {term.slug!r}: not a plain slug")
        files.append((root / term.language / FOLDER / f"{term.slug}.md", _dump(term)))
    return files


@transaction.atomic
def save_term(term: GlossaryTerm, *, values: dict, author, note: str) -> GlossaryTerm:
    """Store ``values`` on ``term``, record who changed what, and render again the
    lessons whose text uses the term's old or new forms (their links change)."""
    old_forms = term.forms if term.pk else []
    before = (
        {
            name: str(getattr(term, name)) if name == "source_date" else getattr(term, name)
            for name in FIELDS
        }
        if term.pk
        else {}
    )
    for name, value in values.items():
        setattr(term, name, value)
    term.save()
    GlossaryChange.objects.create(term=term, author=author, note=note[:200], before=before)
    relink_lessons(term.language, [*old_forms, *term.forms])
    page_cache.content_changed()
    return term


def relink_lessons(language: str, forms: list[str]) -> int:
    """Render again the lessons of ``language`` whose source mentions one of ``forms``."""
    from literacy.learning.content.lesson_files import rerender_current

    mentions = Q()
    for form in {form for form in forms if form}:
        mentions |= Q(current_revision__source__icontains=form)
    lessons = Lesson.objects.filter(mentions, language=language)
    return rerender_current(lessons, note="Glossary links updated")


def lessons_using(term: GlossaryTerm):
    """Published lessons whose current text links to ``term`` (one query)."""
    link = f'href="{term.get_absolute_url()}"'
    return (
        Lesson.objects.published()
        .filter(language=term.language, current_revision__html__contains=link)
        .order_by("course__order", "order")
    )
