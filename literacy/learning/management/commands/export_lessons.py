from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from literacy.learning.content.lesson_files import export_folder


class Command(BaseCommand):
    help = "Write the database's courses and lessons to PATH in the lesson-folder layout."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")

    def handle(self, *args, path: str, **options) -> None:
        try:
            count = export_folder(Path(path))
        except ValueError as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(f"{count} files written to {path}")
