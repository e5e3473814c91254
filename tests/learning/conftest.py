from pathlib import Path

import pytest
from django.utils import translation

from literacy.learning.content.lesson_files import load_folder
from tests.factories import write_folder


@pytest.fixture
def english():
    """URLs reversed in English carry /en/, so the pages answer in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def lesson_folder(tmp_path) -> Path:
    return write_folder(tmp_path / "lessons")


@pytest.fixture
def loaded(db, lesson_folder):
    report = load_folder(lesson_folder)
    assert report.errors == []
    return report
