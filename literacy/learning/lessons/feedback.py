"""What a learner is told after answering a knowledge check, in a lesson or in review.

The explanation gives the answer away, so it is shown after a right answer or after
the second wrong try, never after the first miss. The learner's choices are named
by their text: the choices on the page carry no numbers.
"""

from dataclasses import asdict, dataclass

from django.http import HttpRequest

from literacy.learning.lessons.forms import AnswerForm
from literacy.learning.models import Question
from literacy.learning.progress.learners import Attempt, Learner, record_answer

# Wrong tries after which the explanation is shown even though the answer is wrong.
EXPLAIN_AFTER_WRONG_TRIES = 2


@dataclass(frozen=True)
class Feedback:
    chosen: list[int]
    correct: bool = False
    explain: bool = False
    lesson_completed: bool = False

    @classmethod
    def after(cls, attempt: Attempt | None, chosen: list[int]) -> "Feedback":
        """Feedback on ``attempt`` (None: the learner pressed the button with no choice)."""
        if attempt is None:
            return cls(chosen=[])
        correct = attempt.answer.correct
        return cls(
            chosen=chosen,
            correct=correct,
            explain=correct or attempt.tries >= EXPLAIN_AFTER_WRONG_TRIES,
            lesson_completed=attempt.completed_lesson,
        )

    def as_session(self) -> dict:
        """Plain data to keep in the session across a no-JavaScript redirect."""
        return asdict(self)

    @classmethod
    def from_session(cls, data: dict) -> "Feedback":
        fields = ("chosen", "correct", "explain", "lesson_completed")
        return cls(**{key: data[key] for key in fields if key in data})

    def context(self, question: Question) -> dict:
        """The template context of ``learning/lessons/_feedback.html``."""
        return {
            "question": question,
            "feedback": self,
            "chosen_answers": question.choice_texts(self.chosen),
        }


def record_posted_answer(request: HttpRequest, form: AnswerForm) -> tuple[Question, Feedback]:
    """Record a valid posted answer for the request's learner, in a lesson or in review,
    and say what to tell them. A press with no choice records nothing (and starts no
    anonymous learner)."""
    question, chosen = form.cleaned_data["question"], form.cleaned_data["choice"]
    attempt = (
        record_answer(question, Learner.from_request(request, create=True), chosen)
        if chosen
        else None
    )
    return question, Feedback.after(attempt, chosen)
