"""The lesson folder layout: ``<language>/<course>/course.md`` and ``<NN>-<slug>.md``,
and the register of facts the lessons cite, ``facts.yaml`` at the top.

Loading reads and validates every file first; a file with an error is reported
(``path:line: message``) and not loaded, and each file that is loaded is loaded
whole (one transaction per file).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from literacy.learning.content import fact_changes, page_cache
from literacy.learning.content.fact_register import (
    FACTS_FILE,
    Register,
    RegisterFileError,
    dump_register,
    read_register,
)
from literacy.learning.content.fact_store import current_register
from literacy.learning.content.front_matter import SLUG_RE
from literacy.learning.content.glossary import glossary_files, load_glossary
from literacy.learning.content.glossary_links import linked_html
from literacy.learning.content.pipeline import RenderedCourse, RenderedLesson, render_course
from literacy.learning.content.pipeline import render_lesson as render_lesson_source
from literacy.learning.content.revisions import apply_revision
from literacy.learning.models import Course, Lesson

LESSON_FILE_RE = re.compile(r"^(?P<order>\d{2,3})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
COURSE_FILE = "course.md"
GLOSSARY_FOLDER = "glossary"


@dataclass
class LessonFile:
    path: Path
    language: str
    order: int
    slug: str
    source: str
    rendered: RenderedLesson


@dataclass
class CourseFile:
    path: Path
    language: str
    slug: str
    rendered: RenderedCourse
    lessons: list[LessonFile] = field(default_factory=list)


@dataclass
class LoadReport:
    errors: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    courses: int = 0
    facts_changed: int = 0
    glossary: int = 0  # terms created or changed


def _languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def read_facts(root: Path) -> tuple[Register | None, list[str]]:
    """The folder's register of facts (None when it has none, or errors)."""
    path = root / FACTS_FILE
    if not path.is_file():
        return None, []
    try:
        return read_register(path), []
    except RegisterFileError as problems:
        return None, [f"{path}:{error}" for error in problems.errors]


def read_folder(root: Path, facts: Register | None = None) -> tuple[list[CourseFile], list[str]]:
    """Every course and lesson under ``root``, rendered, with all errors found.

    Lessons are rendered against ``facts``, by default the folder's own register
    (no database needed)."""
    errors: list[str] = []
    courses: list[CourseFile] = []
    if not root.is_dir():
        return [], [f"{root}: not a folder"]
    if facts is None:
        facts, errors = read_facts(root)
    register = facts or Register()
    for language_dir in sorted(p for p in root.iterdir() if not p.name.startswith(".")):
        if language_dir.name == FACTS_FILE:
            continue
        if not language_dir.is_dir() or language_dir.name not in _languages():
            errors.append(f"{language_dir}:1: not a language folder ({', '.join(_languages())})")
            continue
        for course_dir in sorted(p for p in language_dir.iterdir() if not p.name.startswith(".")):
            if course_dir.name == GLOSSARY_FOLDER:  # terms, not a course (glossary_files)
                continue
            course = _read_course(course_dir, language_dir.name, errors, register)
            if course is not None:
                courses.append(course)
    _check_translation_keys(courses, errors)
    return courses, errors


def _read_course(
    course_dir: Path, language: str, errors: list[str], facts: Register
) -> CourseFile | None:
    # Slugs become URLs and, on export, paths: only plain slugs, never "..".
    if not course_dir.is_dir() or not SLUG_RE.match(course_dir.name):
        errors.append(f"{course_dir}:1: a course folder name is lowercase letters, digits, hyphens")
        return None
    course_path = course_dir / COURSE_FILE
    if not course_path.is_file():
        errors.append(f"{course_path}:1: missing (every course folder needs a course.md)")
        return None
    rendered = render_course(course_path.read_text(encoding="utf-8"), language=language)
    errors.extend(f"{course_path}:{e.line}: {e.message}" for e in rendered.errors)
    course = CourseFile(course_path, language, course_dir.name, rendered)
    slugs: dict[str, Path] = {}
    for path in sorted(course_dir.iterdir()):
        if path.name == COURSE_FILE or path.name.startswith(".") or path.suffix != ".md":
            continue
        match = LESSON_FILE_RE.match(path.name)
        if not match:
            errors.append(f"{path}:1: a lesson file is named NN-slug.md, like 01-what-is-apr.md")
            continue
        if match["slug"] in slugs:
            errors.append(f"{path}:1: the same lesson slug as {slugs[match['slug']].name}")
            continue
        slugs[match["slug"]] = path
        source = path.read_text(encoding="utf-8")
        lesson_rendered = render_lesson_source(source, language=language, facts=facts)
        errors.extend(f"{path}:{e.line}: {e.message}" for e in lesson_rendered.errors)
        course.lessons.append(
            LessonFile(path, language, int(match["order"]), match["slug"], source, lesson_rendered)
        )
    return course


def _check_translation_keys(courses: list[CourseFile], errors: list[str]) -> None:
    seen: dict[tuple[str, str], Path] = {}
    for course in courses:
        for lesson in course.lessons:
            key = (lesson.language, lesson.rendered.meta.get("translation"))
            if key[1] and key in seen:
                errors.append(
                    f"{lesson.path}:1: translation key '{key[1]}' is also used by {seen[key]}"
                )
            seen.setdefault(key, lesson.path)


def load_folder(root: Path, *, status: str = Lesson.Status.PUBLISHED) -> LoadReport:
    """Load the glossary and the facts, then every error-free file under ``root``; new
    lessons get ``status``. A changed fact renders the lessons citing it again first."""
    # The glossary first: lessons are linked to it when their revisions are stored.
    glossary_changed, glossary_errors = load_glossary(root)
    facts, fact_errors = read_facts(root)
    # A lesson may cite a fact the same load adds, or one only the database has.
    register = Register({**current_register().entries, **(facts.entries if facts else {})})
    courses, errors = read_folder(root, register)
    report = load_read_folder(
        courses, [*glossary_errors, *fact_errors, *errors], facts=facts, root=root, status=status
    )
    report.glossary = glossary_changed
    return report


def load_read_folder(
    courses: list[CourseFile],
    errors: list[str],
    *,
    facts: Register | None,
    root: Path,
    status: str = Lesson.Status.PUBLISHED,
) -> LoadReport:
    """Load what ``read_facts`` and ``read_folder`` read from ``root``: the facts, then
    every course and lesson free of errors."""
    report = LoadReport(errors=list(errors))
    if facts is not None:
        try:
            report.facts_changed = len(fact_changes.load_register(facts))
        except fact_changes.FactChangeRefused as refused:
            report.errors.append(f"{root / FACTS_FILE}:1: not loaded: {refused}")
    bad_files = {line.split(":", 1)[0] for line in errors}
    for course_file in courses:
        if str(course_file.path) in bad_files:
            continue
        with transaction.atomic():
            course = _load_course(course_file)
        report.courses += 1
        for lesson_file in course_file.lessons:
            if str(lesson_file.path) in bad_files:
                continue
            with transaction.atomic():
                outcome = _load_lesson(course, lesson_file, status)
            setattr(report, outcome, getattr(report, outcome) + 1)
    page_cache.content_changed()
    return report


def _load_course(course_file: CourseFile) -> Course:
    meta = course_file.rendered.meta
    values = {
        "title": meta["title"].strip(),
        "summary": meta["summary"].strip(),
        "order": meta["order"],
        "intro": course_file.rendered.intro,
        "intro_html": course_file.rendered.intro_html,
    }
    course, created = Course.objects.get_or_create(
        language=course_file.language, slug=course_file.slug, defaults=values
    )
    if not created and any(getattr(course, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(course, name, value)
        course.save()
    return course


def _load_lesson(course: Course, lesson_file: LessonFile, status: str) -> str:
    """Create or update one lesson; returns "created", "updated" or "unchanged".

    A file whose text is already one of the lesson's revisions is not loaded
    again: either nothing changed, or educators have edited the lesson in the
    studio since, and the database is the truth at run time.
    """
    lesson = Lesson.objects.filter(course=course, slug=lesson_file.slug).first()
    rendered = lesson_file.rendered
    if lesson is None:
        lesson = Lesson(
            course=course,
            slug=lesson_file.slug,
            language=lesson_file.language,
            order=lesson_file.order,
            status=status,
        )
        apply_revision(lesson, source=lesson_file.source, rendered=rendered, note="Loaded")
        return "created"
    outcome = "unchanged"
    if lesson.order != lesson_file.order:
        lesson.order = lesson_file.order
        lesson.save(update_fields=["order", "updated_at"])
        outcome = "updated"
    if not lesson.revisions.filter(source=lesson_file.source).exists():
        apply_revision(
            lesson,
            source=lesson_file.source,
            rendered=rendered,
            note=f"Loaded from {lesson_file.path.name}",
        )
        outcome = "updated"
    return outcome


def rerender_current(lessons=None, *, note: str = "Rendered again") -> int:
    """Render every lesson's current source again (after the pipeline's output or
    the glossary changed). Revisions are never changed, so a lesson whose HTML
    differs gets a new revision with the same source; returns how many did."""
    changed = 0
    lessons = Lesson.objects.all() if lessons is None else lessons
    for lesson in lessons.select_related("current_revision").exclude(current_revision=None):
        current = lesson.current_revision
        rendered = render_lesson_source(current.source, language=lesson.language)
        html = linked_html(rendered.html, lesson.language)
        if rendered.errors or (current.html, current.toc) == (html, rendered.toc):
            continue
        with transaction.atomic():
            apply_revision(lesson, source=current.source, rendered=rendered, note=note)
        changed += 1
    return changed


def export_folder(root: Path) -> int:
    """Write every course and lesson that has content to ``root``; returns the file count.

    Every target path is checked before the first file is written, so a slug that
    is not a plain slug (only possible by editing the database directly) stops the
    export with a ValueError and leaves nothing half-written.
    """
    files = folder_files(root)
    for path, text in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return len(files)


def folder_files(root: Path, courses: list[Course] | None = None) -> list[tuple[Path, str]]:
    """The lesson folder's files under ``root`` as (path, text): ``courses``, or all of
    them with the register of facts and the glossary; raises ValueError for a slug
    that is not a plain slug."""
    files: list[tuple[Path, str]] = []
    whole = courses is None
    register = current_register()
    if register.entries:
        files.append((root / FACTS_FILE, dump_register(register.entries)))
    if courses is None:
        courses = list(Course.objects.order_by("language", "slug"))
    for course in courses:
        course_dir = _safe_dir(root, course.language, course.slug)
        front = yaml.safe_dump(
            {"title": course.title, "summary": course.summary, "order": course.order},
            allow_unicode=True,
            sort_keys=False,
            width=10_000,
        )
        files.append((course_dir / COURSE_FILE, f"---\n{front}---\n{course.intro}\n"))
        lessons = course.lessons.filter(current_revision__isnull=False).select_related(
            "current_revision"
        )
        for lesson in lessons:
            if not SLUG_RE.match(lesson.slug):
                raise ValueError(f"refusing to write lesson {lesson.slug!r}: not a plain slug")
            name = f"{lesson.order:02d}-{lesson.slug}.md"
            files.append((course_dir / name, lesson.current_revision.source))
    if whole:
        files.extend(glossary_files(root))
    return files


def _safe_dir(root: Path, language: str, slug: str) -> Path:
    if language not in _languages() or not SLUG_RE.match(slug):
        raise ValueError(f"refusing to write {language}/{slug}: not a language and a plain slug")
    return root / language / slug
