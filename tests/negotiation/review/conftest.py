import pytest


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client
