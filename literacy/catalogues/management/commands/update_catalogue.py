import os
import shutil
import tempfile
from glob import glob
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# Templates under templates/<app>/ belong to <app>; these apps own others too.
TEMPLATES_OF = {
    "home": ["templates/home", "templates/*.html"],
    "accounts": ["templates/registration"],
}


def catalogue_path(app: str) -> Path:
    return (
        Path(settings.BASE_DIR)
        / "literacy"
        / app
        / "locale"
        / "zh_Hans"
        / "LC_MESSAGES"
        / "django.po"
    )


def extract(app: str) -> polib.POFile:
    """Every translatable string of one app: its Python code and its templates.

    Runs Django's makemessages (GNU xgettext) in a scratch folder holding copies
    of just that app's files, so each app keeps a catalogue of its own.
    """
    if not shutil.which("xgettext"):
        raise CommandError("Extracting strings needs GNU gettext (apt-get install gettext).")
    base = Path(settings.BASE_DIR)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "locale").mkdir()
        shutil.copytree(
            base / "literacy" / app, root / "src" / "code", ignore=shutil.ignore_patterns("locale")
        )
        for pattern in TEMPLATES_OF.get(app, [f"templates/{app}"]):
            for found in glob(str(base / pattern)):
                target = root / "src" / "templates" / Path(found).relative_to(base / "templates")
                target.parent.mkdir(parents=True, exist_ok=True)
                if os.path.isdir(found):
                    shutil.copytree(found, target)
                else:
                    shutil.copy(found, target)
        cwd = os.getcwd()
        os.chdir(root)
        try:
            call_command("makemessages", locale=["zh_Hans"], no_location=True, verbosity=0)
        finally:
            os.chdir(cwd)
        found = root / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
        return polib.pofile(str(found)) if found.exists() else polib.POFile()


def untranslated(catalogue: polib.POFile) -> list[str]:
    return [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or e.fuzzy)]


class Command(BaseCommand):
    help = "Refresh apps' Chinese catalogues from their code and templates, or --check them."

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="+", help="app folders under literacy/, e.g. calculators")
        parser.add_argument(
            "--check",
            action="store_true",
            help="change nothing; fail on any missing or untranslated string",
        )

    def handle(self, *args, apps, check, **options):
        problems = []
        for app in apps:
            path = catalogue_path(app)
            extracted = extract(app)
            catalogue = polib.pofile(str(path)) if path.exists() else polib.POFile()
            if check:
                known = {e.msgid for e in catalogue if not e.obsolete}
                problems += [
                    f"{app}: not in catalogue: {e.msgid!r}"
                    for e in extracted
                    if e.msgid not in known
                ]
                problems += [f"{app}: untranslated: {msgid!r}" for msgid in untranslated(catalogue)]
                continue
            catalogue.merge(extracted)
            for entry in catalogue.obsolete_entries():
                catalogue.remove(entry)
            for entry in catalogue:
                if entry.msgid_plural:  # Chinese has a single plural form
                    entry.msgstr_plural = {0: entry.msgstr_plural.get(0, "")}
            catalogue.metadata = {
                "Language": "zh_Hans",
                "MIME-Version": "1.0",
                "Content-Type": "text/plain; charset=UTF-8",
                "Content-Transfer-Encoding": "8bit",
                "Plural-Forms": "nplurals=1; plural=0;",
            }
            path.parent.mkdir(parents=True, exist_ok=True)
            catalogue.save(str(path))
            self.stdout.write(f"{path}: {len(untranslated(catalogue))} strings to translate")
        if problems:
            raise CommandError("\n".join(problems))
