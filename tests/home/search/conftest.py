import pytest
from django.conf import settings

from literacy.home.models import SearchEntry, SearchTerm
from literacy.home.search import site_index
from literacy.learning.content.lesson_files import load_folder
from literacy.learning.models import Course, Fact, GlossaryTerm, Lesson


@pytest.fixture(scope="module")
def shipped_curriculum(django_db_setup, django_db_blocker):
    """The shipped lessons and glossary, loaded and indexed once per module (loading
    takes seconds), and deleted afterwards so that no other test sees them."""
    with django_db_blocker.unblock():
        report = load_folder(settings.BASE_DIR / "lessons")
        site_index.rebuild()
    yield report
    with django_db_blocker.unblock():
        Lesson.objects.update(current_revision=None)  # revisions are protected from deletion
        Course.objects.all().delete()
        Fact.objects.filter(base__isnull=False).delete()  # derived facts protect their base
        for model in (Fact, GlossaryTerm, SearchEntry, SearchTerm):
            model.objects.all().delete()


@pytest.fixture
def curriculum(shipped_curriculum, db):
    assert shipped_curriculum.errors == []
    return shipped_curriculum
