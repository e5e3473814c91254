from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from literacy.learning.lesson_files import load_folder
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

    def handle(self, *args, path: str, status: str, **options) -> None:
        report = load_folder(Path(path), status=status)
        self.stdout.write(
            f"{report.courses} courses; lessons: {report.created} created, "
            f"{report.updated} updated, {report.unchanged} unchanged"
        )
        for error in report.errors:
            self.stderr.write(error)
        if report.errors:
            raise CommandError(
                f"{len(report.errors)} authoring errors; those files were not loaded"
            )
