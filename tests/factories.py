"""Test data in one place: lesson sources and folders, courses and learners' records,
help requests as the learner's form or the reviewers' tests need them.

Fixtures that use these live in the conftest files of the folders that share them.
"""

from __future__ import annotations

import dataclasses
import itertools
import secrets
import textwrap
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.utils import timezone, translation

from literacy.learning.content.fact_register import (
    FACTS_FILE,
    FactEntry,
    Register,
    expand_text,
    parse_register,
    read_register,
)
from literacy.learning.models import Answer, Course, Lesson, LessonProgress, Question
from literacy.learning.studio import services as studio
from literacy.negotiation.help.forms import FORM_SALT, RequestForm
from literacy.negotiation.models import (
    Budget,
    ContactEntry,
    Debt,
    EventKind,
    NegotiationRequest,
    ReplyTemplate,
    RequestEvent,
    hash_token,
    new_token,
)
from literacy.negotiation.review import replies
from literacy.negotiation.use_cases import submit_request

# --- lesson sources and folders ---------------------------------------------------------

SHIPPED_LESSONS = settings.BASE_DIR / "lessons"


def shipped_register() -> Register:
    return read_register(SHIPPED_LESSONS / FACTS_FILE)


def shipped_lesson_text(language: str, *parts: str) -> str:
    """A shipped lesson file as learners read it: ``{{fact:…}}`` references replaced
    by the register's values (the figure tests check what the page says)."""
    path = SHIPPED_LESSONS.joinpath(language, *parts)
    return expand_text(path.read_text(encoding="utf-8"), shipped_register(), language)


def lesson_source(
    *,
    title: str = "Fees and rates",
    translation: str = "fees-and-rates",
    body: str = "",
    quizzes: int = 2,
) -> str:
    quiz = textwrap.dedent(
        """
        ```quiz
        question: Which is bigger?
        choices: ["A fee of 0.6 % a month", "7.2 % a year on the balance"]
        answer: 1
        explanation: The fee is charged on the *original* amount.
        ```
        """
    )
    multi = textwrap.dedent(
        """
        ```quiz
        question: Which count towards the annualised rate?
        choices: ["Interest", "Fees", "Your salary"]
        answer: [1, 2]
        explanation: Interest and every fee directly related to the loan.
        ```
        """
    )
    checks = [quiz, multi][:quizzes]
    return (
        f"---\ntitle: {title}\nsummary: What a fee rate costs.\nminutes: 5\n"
        f"translation: {translation}\n---\n"
        f"Intro text with a source[^src].\n\n## Part one\n\nText.\n\n{body}\n"
        + "".join(checks)
        + "\n[^src]: A source, 2021.\n"
    )


COURSE = "---\ntitle: {title}\nsummary: A course summary.\norder: {order}\n---\nThe introduction.\n"


def write_folder(root: Path, *, courses: int = 1, lessons: int = 2, languages=("en", "zh-hans")):
    for language in languages:
        for c in range(1, courses + 1):
            folder = root / language / f"course-{c}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "course.md").write_text(
                COURSE.format(title=f"Course {c} {language}", order=c), encoding="utf-8"
            )
            for n in range(1, lessons + 1):
                (folder / f"{n:02d}-lesson-{n}.md").write_text(
                    lesson_source(title=f"Lesson {n}", translation=f"c{c}-lesson-{n}"),
                    encoding="utf-8",
                )
    return root


FACTS_YAML = """\
lpr_1y:
  label: {{en: One-year LPR, zh-hans: 一年期 LPR}}
  value: "{lpr}"
  unit: percent
  as_of: 2025-05-20
  source: National Interbank Funding Center
  url: https://www.chinamoney.com.cn/
  checked: {checked}
private_lending_cap:
  label: {{en: Private-lending cap, zh-hans: 民间借贷利率上限}}
  of: lpr_1y
  times: "4"
  unit: percent
  source: 法释〔2020〕17号 art. 25
  url: https://www.court.gov.cn/
  checked: {checked}
hotline_nfra:
  label: {{en: NFRA hotline, zh-hans: 金融监管总局热线}}
  value: "12378"
  unit: text
  source: NFRA
  url: https://www.nfra.gov.cn/
  checked: {checked}
"""

CITING_BODY = "The LPR is {{fact:lpr_1y}}, so the cap is {{fact:private_lending_cap}}."


def lpr_entry(**changes) -> FactEntry:
    """The register's one-year LPR (3.0 %, checked 29 November 2026), with ``changes``."""
    entry = parse_register(FACTS_YAML.format(lpr="3.0", checked="2026-11-29")).entries["lpr_1y"]
    return dataclasses.replace(entry, **changes)


def write_facts(root: Path, *, lpr: str = "3.0", checked: str = "2026-11-29") -> Path:
    """A register with the LPR, the cap derived from it and a hotline."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / FACTS_FILE
    path.write_text(FACTS_YAML.format(lpr=lpr, checked=checked), encoding="utf-8")
    return path


def write_citing_folder(root: Path, *, lpr: str = "3.0", checked: str = "2026-11-29") -> Path:
    """A lesson folder with the register and, in both languages, one course of two
    lessons: lesson 1 cites the LPR and the cap, lesson 2 cites nothing."""
    write_folder(root, lessons=2)
    write_facts(root, lpr=lpr, checked=checked)
    for language in ("en", "zh-hans"):
        (root / language / "course-1" / "01-lesson-1.md").write_text(
            lesson_source(title="Lesson 1", translation="c1-lesson-1", body=CITING_BODY),
            encoding="utf-8",
        )
    return root


QUIZ = """
```quiz
question: Which is dearer?
choices: ["A fee", "Interest"]
answer: 1
explanation: The fee is charged on the original amount.
```
"""


# --- courses, lessons and learners' records -------------------------------------------


def make_course(
    slug: str = "credit",
    *,
    language: str = "en",
    lessons: int = 3,
    questions: int = 1,
    order: int = 0,
    status: str = Lesson.Status.PUBLISHED,
) -> tuple[Course, list[Lesson]]:
    """A course with ``lessons`` lessons of ``questions`` single-choice checks each
    (the right answer is always choice 2)."""
    course = Course.objects.create(
        slug=slug, language=language, title=f"Course {slug}", summary="S.", order=order
    )
    items = Lesson.objects.bulk_create(
        Lesson(
            course=course,
            slug=f"lesson-{n}",
            order=n,
            language=language,
            translation_key=f"{slug}-{n}",
            title=f"{slug} lesson {n}",
            summary="S.",
            minutes=5,
            status=status,
        )
        for n in range(1, lessons + 1)
    )
    Question.objects.bulk_create(
        Question(
            lesson=lesson,
            key=f"q{q}",
            prompt=f"{lesson.title} question {q}?",
            choices=["A", "B", "C"],
            correct=[2],
            explanation_html="<p>Because.</p>",
            order=q,
        )
        for lesson in items
        for q in range(1, questions + 1)
    )
    return course, items


def progress_rows(lessons, *, learners: int, completed: bool = True, prefix: str = "anon"):
    """One LessonProgress per anonymous learner and lesson, in bulk."""
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(
            lesson=lesson,
            session_key=f"{prefix}-{n}",
            first_opened=now - timedelta(days=1),
            last_visited=now,
            completed_at=now if completed else None,
        )
        for lesson in lessons
        for n in range(learners)
    )


def first_answers(question, *, right: int, wrong: int, prefix: str = "anon"):
    """First-try answers to ``question`` from ``right`` + ``wrong`` anonymous learners."""
    Answer.objects.bulk_create(
        Answer(
            question=question,
            session_key=f"{prefix}-{n}",
            chosen=[2] if n < right else [1],
            correct=n < right,
            first_try=True,
        )
        for n in range(right + wrong)
    )


def studio_course(*, language: str = "en", slug: str = "instalments") -> Course:
    """An empty course, created as an educator would in the studio."""
    return studio.create_course(language=language, slug=slug, title="Instalments", summary="Sum")


def studio_lesson_source(
    *, title: str = "How fees work", translation: str = "how-fees-work", body: str = ""
) -> str:
    """A lesson as an educator starts one: checks only where ``body`` adds them."""
    return lesson_source(title=title, translation=translation, body=body, quizzes=0)


def make_lesson(
    author, *, course: Course | None = None, slug: str = "how-fees-work", **source
) -> Lesson:
    """A draft lesson written through the studio's own functions."""
    return studio.create_lesson(
        course=course or studio_course(),
        slug=slug,
        order=1,
        source=studio_lesson_source(**source),
        author=author,
        note="First draft",
    )


# --- help requests ------------------------------------------------------------------------

_serial = itertools.count(1)


def build_request(**fields) -> NegotiationRequest:
    """An unsaved request with plausible values (``bulk_create`` friendly)."""
    number = next(_serial)
    values = {
        "reference": f"XH-T{number:07d}"[:12],
        "token_hash": hash_token(new_token()),
        "submission_nonce": secrets.token_hex(16),
        "language": "zh-hans",
        "name": f"李{number}",
        "email": f"learner{number}@example.com",
        "lender": "某消费金融公司",
        "product": "consumer_finance",
        "balance": Decimal("24000.00"),
        "monthly_payment": Decimal("2100.00"),
        "annual_rate": Decimal("18.0000"),
        "days_overdue": 45,
        "hardship": "job_loss",
        "story": "失业三个月，正在找工作。",
        "asks": ["longer_term", "waive_penalties"],
        "requested_months": 36,
        "income": Decimal("6000.00"),
        "housing": Decimal("2000.00"),
        "food": Decimal("1200.00"),
        "transport": Decimal("300.00"),
        "affordable_payment": Decimal("1500.00"),
        "offer_payment": Decimal("1000.00"),
        "offer_months": 29,
        "consent": True,
        "consented_at": timezone.now(),
    }
    values.update(fields)
    return NegotiationRequest(**values)


def make_request(*, days_old: int = 0, **fields) -> NegotiationRequest:
    """A saved request with its ``submitted`` event, ``days_old`` days ago."""
    created = timezone.now() - timedelta(days=days_old)
    item = build_request(created_at=created, **fields)
    item.save()
    RequestEvent.objects.create(
        request=item, kind=EventKind.SUBMITTED, actor_label="learner", created_at=created
    )
    return item


def form_token(*, age_seconds: int = 60, nonce: str | None = None) -> str:
    """A form token as the page would have issued ``age_seconds`` ago."""
    payload = {"n": nonce or secrets.token_urlsafe(24), "t": int(time.time()) - age_seconds}
    return signing.dumps(payload, salt=FORM_SALT)


def valid_post(**overrides) -> dict:
    data = {
        "name": "王小明",
        "email": "xiaoming@example.org",
        "phone": "",
        "contact_time": "evening",
        "lender": "招商银行",
        "product": "credit_card",
        "balance": "60,000",
        "monthly_payment": "2824.41",
        "annual_rate": "12",
        "days_overdue": "45",
        "hardship": "job_loss",
        "story": "I lost my job in March.",
        "asks": ["longer_term", "waive_penalties"],
        "requested_months": "60",
        "income": "8000",
        "housing": "2500",
        "food": "1800",
        "transport": "400",
        "family": "800",
        "health": "300",
        "other_debts": "500",
        "offer_payment": "",
        "consent": "on",
        "website": "",
        "form_token": form_token(),
    }
    data.update(overrides)
    return data


def learner_submits(*, user=None, language: str = "en", **overrides):
    """Submit a valid request through the use case; returns (request, token)."""
    form = RequestForm(valid_post(**overrides))
    assert form.is_valid(), form.errors
    with translation.override(language):
        return submit_request(form=form, user=user, language=language)


# --- reviewers' workbench -----------------------------------------------------------------


def make_template(actor=None, **texts) -> ReplyTemplate:
    """A reply template created as a reviewer would, with its ``created`` change."""
    values = {
        "title_zh_hans": "收到申请",
        "title_en": "Request received",
        "body_zh_hans": "{name}你好：我们已收到你的申请 {reference}，欠{lender}{balance}。",
        "body_en": "Dear {name}, we received {reference} about {balance} owed to {lender}.",
    }
    values.update(texts)
    return replies.create_template(actor=actor, **values)


def local(*args: int) -> datetime:
    """An aware time in the site's zone (Asia/Shanghai), e.g. ``local(2026, 11, 27, 10)``."""
    return timezone.make_aware(datetime(*args))


# --- the e-mail queue ---------------------------------------------------------------------

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_mail_worker() -> None:
    """Run every task that is due, in this process, as `manage.py db_worker --batch` would.

    Inside the test's transaction the worker must keep its connection (between tasks it
    closes stale ones, which on PostgreSQL closes the test's); the real worker process
    is tested in tests/resilience/test_mail_worker.py."""
    from unittest import mock

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        _batch_worker().run()


def _batch_worker():
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


# --- the debt toolkit ------------------------------------------------------------------------

# The worked example of tests/finance/test_debt_plan.py as a learner would enter it:
# income 8,000, essentials 5,200; a priority mortgage and three other debts, whose
# pro-rata offers are 1,000, 400 and 200 a month.
WORKED_BUDGET = {
    "income": Decimal("8000.00"),
    "rent": Decimal("0.00"),
    "utilities": Decimal("400.00"),
    "food": Decimal("2000.00"),
    "transport": Decimal("500.00"),
    "children": Decimal("1000.00"),
    "medical": Decimal("300.00"),
    "phone": Decimal("200.00"),
    "insurance": Decimal("300.00"),
    "parents": Decimal("500.00"),
    "other": Decimal("0.00"),
}
WORKED_DEBTS = (
    {
        "lender": "招商银行信用卡中心",
        "product": "credit_card",
        "balance": "30000",
        "annual_rate": "18",
        "monthly_payment": "1500",
        "days_overdue": 45,
    },
    {
        "lender": "建设银行",
        "product": "mortgage_car",
        "balance": "200000",
        "annual_rate": "5",
        "monthly_payment": "1200",
        "days_overdue": 0,
    },
    {
        "lender": "某消费金融公司",
        "product": "consumer_loan",
        "balance": "12000",
        "annual_rate": "24",
        "monthly_payment": "800",
        "days_overdue": 30,
    },
    {
        "lender": "表哥",
        "product": "private_loan",
        "balance": "6000",
        "annual_rate": None,
        "monthly_payment": "600",
        "days_overdue": 0,
    },
)


def toolkit_owner(*, user=None, session_key: str | None = None) -> dict:
    if user is not None:
        return {"user": user, "session_key": None}
    return {"user": None, "session_key": session_key or secrets.token_urlsafe(24)}


def make_budget(*, user=None, session_key: str | None = None, **fields) -> Budget:
    return Budget.objects.create(
        **toolkit_owner(user=user, session_key=session_key), **{**WORKED_BUDGET, **fields}
    )


def make_debt(*, user=None, session_key: str | None = None, **fields) -> Debt:
    values = {**WORKED_DEBTS[0], **fields}
    return Debt.objects.create(**toolkit_owner(user=user, session_key=session_key), **values)


def make_worked_plan(*, user=None, session_key: str | None = None) -> list[Debt]:
    """The worked example's budget and four debts for one learner."""
    make_budget(user=user, session_key=session_key)
    return [make_debt(user=user, session_key=session_key, **d) for d in WORKED_DEBTS]


def make_contact(*, user=None, session_key: str | None = None, **fields) -> ContactEntry:
    values = {
        "number": "021-5555 0000",
        "caller": "某催收公司 王经理",
        "said": "说要去单位找我，已经打给我姐姐。",
        "third_parties": True,
        "threats": False,
        **fields,
    }
    return ContactEntry.objects.create(
        **toolkit_owner(user=user, session_key=session_key), **values
    )
