from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Compile every app's .po catalogue to .mo in pure Python, so a fresh machine "
        "without GNU gettext gets working translations."
    )

    def handle(self, *args, **options):
        catalogues = sorted(
            (Path(settings.BASE_DIR) / "literacy").glob("*/locale/*/LC_MESSAGES/*.po")
        )
        if not catalogues:
            raise CommandError("No translation catalogues found under literacy/*/locale/.")
        for po_path in catalogues:
            catalogue = polib.pofile(str(po_path))
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        self.stdout.write(f"Compiled {len(catalogues)} catalogues.")
