import pytest
from django.conf import settings
from django.core.management import call_command

from literacy.home.search import site_index
from literacy.learning.content.lesson_files import load_folder


@pytest.fixture(scope="module")
def shipped_curriculum(django_db_setup, django_db_blocker):
    """The shipped lessons and glossary, loaded and indexed once per module (loading
    takes seconds), and flushed afterwards so that no other test sees them."""
    with django_db_blocker.unblock():
        report = load_folder(settings.BASE_DIR / "lessons")
        site_index.rebuild()
    yield report
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def curriculum(shipped_curriculum, db):
    assert shipped_curriculum.errors == []
    return shipped_curriculum
