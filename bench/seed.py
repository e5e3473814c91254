"""Realistic data for the benchmarks: learners with progress, help requests, sessions.

Run inside the site's environment (after migrate and load_lessons):
    python bench/seed.py --learners 1000 --requests 10000
Prints JSON: session keys of a returning learner and a reviewer, and a lesson URL.
Idempotent: data is created once per database; sessions are fresh each run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "literacy.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from literacy.accounts.roles import REVIEWERS  # noqa: E402
from literacy.learning.models import Lesson, LessonProgress  # noqa: E402
from literacy.negotiation.models import EventKind, NegotiationRequest, RequestEvent  # noqa: E402
from tests.factories import build_request  # noqa: E402

PREFIX = "bench-learner-"
PROGRESS_LEARNER = "bench-progress-learner"
PROGRESS_LESSONS = 17  # the progress page's benchmark: a learner well into the course
BATCH = 2_000


def seed(learners: int, requests: int) -> None:
    """Learners, each with progress on every published lesson of their language's first
    course(s), and ``requests`` help requests of mixed age, status and product."""
    if User.objects.filter(username=f"{PREFIX}0").exists():
        return
    now = timezone.now()
    password = make_password("bench-password-not-secret")
    with transaction.atomic():
        User.objects.bulk_create(
            (User(username=f"{PREFIX}{n}", password=password) for n in range(learners)),
            batch_size=BATCH,
        )
        reviewer = User.objects.create(username="bench-reviewer", password=password)
        reviewer.groups.add(Group.objects.get(name=REVIEWERS))
        lessons = list(Lesson.objects.filter(status=Lesson.Status.PUBLISHED, language="en"))
        users = User.objects.filter(username__startswith=PREFIX).values_list("pk", flat=True)
        LessonProgress.objects.bulk_create(
            (
                LessonProgress(
                    lesson=lesson,
                    user_id=user_id,
                    first_opened=now - timedelta(days=(user_id + n) % 60 + 1),
                    last_visited=now - timedelta(days=(user_id + n) % 30),
                    completed_at=now if (user_id + n) % 3 else None,
                )
                for user_id in users
                for n, lesson in enumerate(lessons[: 1 + user_id % 10])
            ),
            batch_size=BATCH,
        )
        reader = User.objects.create(username=PROGRESS_LEARNER, password=password)
        LessonProgress.objects.bulk_create(
            LessonProgress(
                lesson=lesson,
                user=reader,
                first_opened=now - timedelta(days=n + 1),
                last_visited=now - timedelta(days=n),
                completed_at=now - timedelta(days=n) if n % 4 else None,
            )
            for n, lesson in enumerate(lessons[:PROGRESS_LESSONS])
        )
        products = ["credit_card", "consumer_finance", "instalment", "online_loan", "other"]
        items = NegotiationRequest.objects.bulk_create(
            (
                build_request(
                    created_at=now - timedelta(hours=n % 2_000),
                    product=products[n % len(products)],
                    language=("zh-hans", "en")[n % 2],
                )
                for n in range(requests)
            ),
            batch_size=BATCH,
        )
        RequestEvent.objects.bulk_create(
            (
                RequestEvent(
                    request=item,
                    kind=EventKind.SUBMITTED,
                    actor_label="learner",
                    created_at=item.created_at,
                )
                for item in items
            ),
            batch_size=BATCH,
        )


def session_for(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=10_000)
    args = parser.parse_args()
    seed(args.learners, args.requests)
    lesson = (
        Lesson.objects.filter(status=Lesson.Status.PUBLISHED, language="en")
        .select_related("course")
        .order_by("course__order", "order")
        .first()
    )
    print(
        json.dumps(
            {
                "learner_session": session_for(User.objects.get(username=f"{PREFIX}1")),
                "progress_learner_session": session_for(
                    User.objects.get(username=PROGRESS_LEARNER)
                ),
                "reviewer_session": session_for(User.objects.get(username="bench-reviewer")),
                "lesson_url": lesson.get_absolute_url() if lesson else None,
                "requests": NegotiationRequest.objects.count(),
                "progress_rows": LessonProgress.objects.count(),
            }
        )
    )


if __name__ == "__main__":
    main()
