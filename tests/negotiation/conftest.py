import pytest

from tests.factories import learner_submits


@pytest.fixture
def submitted(db):
    return learner_submits()
