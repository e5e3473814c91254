"""What the studio editor shows beside the text: the lesson format, the blocks, the
calculators' parameters, and the skeleton a new lesson starts from.

The calculators are read through ``calculator_parameters`` alone (from
the calculator registry: each calculator's name, example and fields),
so the guide follows whatever the calculator registry offers.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from literacy.calculators.registry import calculators

SKELETON = """---
title: {title}
summary: {summary}
minutes: 5
translation: {translation}
---
{intro}

## {heading}

{text}

```quiz
question: {question}
choices: ["{right}", "{wrong}"]
answer: 1
explanation: {explanation}
```
"""


def skeleton() -> str:
    """A new lesson's starting text: valid as it stands, in the educator's language."""
    return SKELETON.format(
        title=_("A new lesson"),
        summary=_("One sentence on what the learner takes away."),
        translation="a-new-lesson",
        intro=_("Start with the situation the learner is in."),
        heading=_("The first idea"),
        text=_("Explain one idea with one worked example."),
        question=_("Which is true?"),
        right=_("The right answer"),
        wrong=_("A common mistake"),
        explanation=_("Why the right answer is right."),
    )


@dataclass(frozen=True)
class Parameter:
    name: str
    label: str
    required: bool
    help_text: str
    example: str


@dataclass(frozen=True)
class CalculatorGuide:
    name: str
    parameters: list[Parameter]

    @property
    def block(self) -> str:
        """A ```calculator block with the calculator's example numbers: copy and adapt."""
        lines = [f"{p.name}: {p.example}" for p in self.parameters if p.example or p.required]
        return "\n".join([f"```calculator {self.name}", *lines, "```"])


def calculator_parameters() -> list[CalculatorGuide]:
    """Every calculator a lesson can embed, with its parameters (the API's names)."""
    guides = []
    for calculator in calculators():
        name, form_class = calculator.name, calculator.form
        example = getattr(form_class, "example", {})
        parameters = [
            Parameter(
                field_name,
                str(field.label or field_name),
                field.required,
                str(field.help_text or ""),
                str(example.get(field_name, "")),
            )
            for field_name, field in form_class.base_fields.items()
        ]
        guides.append(CalculatorGuide(name, parameters))
    return guides


QUIZ_EXAMPLE = """```quiz
question: Which costs more over a year?
choices: ["A fee of 0.6 % a month", "7.2 % a year on the balance"]
answer: 1
explanation: The fee is charged on the original amount every month.
```"""

MULTIPLE_EXAMPLE = """```quiz
question: Which count towards the annualised rate? (choose all that apply)
choices: ["Interest", "Fees", "Your salary"]
answer: [1, 2]
explanation: Interest and every fee directly related to the loan.
```"""

HELP_EXAMPLE = "```help-request\n```"

FACT_EXAMPLE = (
    "The one-year LPR is {{fact:lpr_1y}} (from {{fact:lpr_1y|as_of}}), so the cap is "
    "{{fact:private_lending_cap}}."
)


def guide() -> dict:
    """The editor's guide, for the template ``learning/studio/_guide.html``."""
    return {
        "fact_example": FACT_EXAMPLE,
        "quiz_example": QUIZ_EXAMPLE,
        "multiple_example": MULTIPLE_EXAMPLE,
        "help_example": HELP_EXAMPLE,
        "calculators": calculator_parameters(),
    }
