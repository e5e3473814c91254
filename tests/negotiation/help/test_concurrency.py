"""Real concurrency on PostgreSQL: parallel submissions and double-clicks."""

import threading

import pytest
from django.db import connection, connections

from literacy.negotiation.models import NegotiationRequest
from tests.factories import form_token, learner_submits

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


# The shared PostgreSQL server allows 100 clients in all (colleagues' test runs
# included), so 100 submissions run on 20 threads, each with its own connection.
THREADS = 20


def _in_threads(count: int, work, *, per_thread: int = 1) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        try:
            barrier.wait()
            for _ in range(per_thread):
                work(index)
        except BaseException as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_100_parallel_submissions_store_100_requests_with_distinct_references():
    assert _in_threads(THREADS, lambda _i: learner_submits(), per_thread=100 // THREADS) == []
    references = list(NegotiationRequest.objects.values_list("reference", flat=True))
    assert len(references) == 100
    assert len(set(references)) == 100


def test_ten_simultaneous_replays_of_one_form_store_one_request():
    token = form_token(nonce="double-click")
    assert _in_threads(10, lambda _i: learner_submits(form_token=token)) == []
    assert NegotiationRequest.objects.count() == 1
