import textwrap
from pathlib import Path

import pytest

from literacy.learning.content.lesson_files import load_folder


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


@pytest.fixture
def lesson_folder(tmp_path) -> Path:
    return write_folder(tmp_path / "lessons")


@pytest.fixture
def loaded(db, lesson_folder):
    report = load_folder(lesson_folder)
    assert report.errors == []
    return report
