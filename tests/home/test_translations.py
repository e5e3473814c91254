import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from literacy.catalogues.management.commands import update_catalogue

APPS = sorted(p.parent.name for p in (Path(settings.BASE_DIR) / "literacy").glob("*/apps.py"))
needs_xgettext = pytest.mark.skipif(
    not shutil.which("xgettext"), reason="GNU gettext is not installed"
)


@needs_xgettext
def test_every_ui_string_of_every_app_has_a_chinese_translation():
    call_command("update_catalogue", *APPS, "--check")


def test_committed_catalogues_have_no_untranslated_or_fuzzy_entries():
    for po_path in (Path(settings.BASE_DIR) / "literacy").glob(
        "*/locale/zh_Hans/LC_MESSAGES/django.po"
    ):
        assert update_catalogue.untranslated(polib.pofile(str(po_path))) == [], po_path


def test_check_fails_on_a_string_missing_from_the_catalogue(monkeypatch):
    extracted = polib.POFile()
    extracted.append(polib.POEntry(msgid="A sentence nobody translated"))
    monkeypatch.setattr(update_catalogue, "extract", lambda app: extracted)
    with pytest.raises(CommandError, match="not in catalogue: 'A sentence nobody translated'"):
        call_command("update_catalogue", "home", "--check")


def test_chinese_catalogue_is_compiled_and_used(client, db):
    assert "跳到主要内容" in client.get("/zh-hans/").content.decode()
