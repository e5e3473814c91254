import pytest
from django.conf import settings

from literacy.home.search import site_index
from literacy.learning.content.lesson_files import load_folder


@pytest.fixture
def curriculum(db):
    """The shipped lessons and glossary, loaded and indexed."""
    report = load_folder(settings.BASE_DIR / "lessons")
    assert report.errors == []
    site_index.rebuild()
    return report
