from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from literacy.home.search import site_index
from literacy.learning.content.lesson_files import load_folder, rerender_current
from literacy.learning.models import Lesson


class Command(BaseCommand):
    help = (
        "Load courses and lessons from a lesson folder (default: lessons/). Idempotent: a "
        "lesson gets a new revision only when its file changed. Every error is reported as "
        "path:line: message; files with errors are not loaded and the command exits non-zero."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", nargs="?", default=str(settings.BASE_DIR / "lessons"))
        parser.add_argument(
            "--status",
            choices=Lesson.Status.values,
            default=Lesson.Status.PUBLISHED,
            help="Status of newly created lessons (existing lessons keep theirs).",
        )
        parser.add_argument(
            "--rerender",
            action="store_true",
            help="Also render every lesson's current source again (after a change to the "
            "markdown pipeline); a lesson whose HTML changes gets a new revision.",
        )

    def handle(self, *args, path: str, status: str, rerender: bool, **options) -> None:
        report = load_folder(Path(path), status=status)
        if rerender:
            self.stdout.write(f"{rerender_current()} lessons rendered again")
        self.stdout.write(f"search index rebuilt: {site_index.rebuild()} entries")
        self.stdout.write(
            f"{report.courses} courses; lessons: {report.created} created, "
            f"{report.updated} updated, {report.unchanged} unchanged; "
            f"glossary terms changed: {report.glossary}"
        )
        for error in report.errors:
            self.stderr.write(error)
        if report.errors:
            raise CommandError(
                f"{len(report.errors)} authoring errors; those files were not loaded"
            )
