"""Lessons for the studio tests, written through the studio's own functions."""

from literacy.learning import studio
from literacy.learning.models import Course, Lesson


def lesson_source(
    *, title: str = "How fees work", translation: str = "how-fees-work", body: str = ""
) -> str:
    return (
        "---\n"
        f"title: {title}\n"
        "summary: A short summary.\n"
        "minutes: 5\n"
        f"translation: {translation}\n"
        "---\n"
        "An introduction.\n"
        "\n"
        "## A heading\n"
        "\n"
        f"{body}"
    )


QUIZ = """
```quiz
question: Which is dearer?
choices: ["A fee", "Interest"]
answer: 1
explanation: The fee is charged on the original amount.
```
"""


def make_course(*, language: str = "en", slug: str = "instalments") -> Course:
    return studio.create_course(language=language, slug=slug, title="Instalments", summary="Sum")


def make_lesson(
    author, *, course: Course | None = None, slug: str = "how-fees-work", **source
) -> Lesson:
    return studio.create_lesson(
        course=course or make_course(),
        slug=slug,
        order=1,
        source=lesson_source(**source),
        author=author,
        note="First draft",
    )
