"""The register of facts: cited as {{fact:key}}, loaded and exported with the lessons,
and a changed fact renders every lesson that cites it again, in one step."""

import dataclasses
import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from literacy.learning.content import fact_changes, fact_store
from literacy.learning.content.fact_register import (
    FACTS_FILE,
    RegisterFileError,
    parse_register,
    read_register,
)
from literacy.learning.content.lesson_files import export_folder, load_folder
from literacy.learning.content.pipeline import render_lesson
from literacy.learning.models import Fact, Lesson, Revision
from tests.factories import (
    FACTS_YAML,
    lesson_source,
    write_citing_folder,
)

REGISTER = parse_register(FACTS_YAML.format(lpr="3.0", checked="2026-11-29"))


def rendered(body: str, language: str = "en"):
    return render_lesson(lesson_source(body=body, quizzes=0), language=language, facts=REGISTER)


# --- the syntax -----------------------------------------------------------------------


def test_a_fact_reads_as_its_value_in_the_lessons_language():
    assert "The LPR is 3.0 %." in rendered("The LPR is {{fact:lpr_1y}}.").html
    assert "LPR 为 3.0%。" in rendered("LPR 为 {{fact:lpr_1y}}。", "zh-hans").html


def test_a_derived_fact_follows_its_base():
    assert "<strong>12.0 %</strong>" in rendered("**{{fact:private_lending_cap}}**").html


def test_dates_of_a_fact_read_as_the_lessons_write_dates():
    body = "From {{fact:lpr_1y|as_of}}, checked {{fact:lpr_1y|checked}}."
    assert "From 20 May 2025, checked 29 November 2026." in rendered(body).html
    assert "2025年5月20日" in rendered(body, "zh-hans").html


def test_an_unknown_key_is_an_authoring_error_at_its_line():
    source = lesson_source(body="Line.\n\nRate {{fact:lpr_2y}}.", quizzes=0)
    line = source.splitlines().index("Rate {{fact:lpr_2y}}.") + 1
    errors = render_lesson(source, language="en", facts=REGISTER).errors
    assert [(e.line, "lpr_2y" in e.message) for e in errors] == [(line, True)]


def test_a_malformed_reference_is_an_authoring_error():
    errors = rendered("Rate {{fact: lpr_1y}}.").errors
    assert len(errors) == 1 and "{{fact:key}}" in errors[0].message


def test_a_lesson_without_references_needs_no_register():
    assert rendered("No figures here.").facts == set()


def test_a_citing_lesson_records_the_fact_and_its_base():
    assert rendered("Cap {{fact:private_lending_cap}}.").facts == {
        "private_lending_cap",
        "lpr_1y",
    }


def test_a_value_is_text_never_markup_even_inside_a_link():
    hostile = dataclasses.replace(REGISTER.entries["hotline_nfra"], value='"><script>x</script>')
    register = dataclasses.replace(REGISTER, entries={**REGISTER.entries, "hotline_nfra": hostile})
    body = "[call](https://example.org/{{fact:hotline_nfra}}) or **{{fact:hotline_nfra}}**"
    html = render_lesson(lesson_source(body=body, quizzes=0), language="en", facts=register).html
    assert "<script>" not in html
    assert "&quot;&gt;&lt;script&gt;" in html


def test_facts_in_a_knowledge_check_are_expanded():
    quiz = (
        "```quiz\nquestion: Is the cap {{fact:private_lending_cap}}?\n"
        'choices: ["Yes, {{fact:private_lending_cap}}", "No"]\nanswer: 1\n'
        "explanation: Four times {{fact:lpr_1y}}.\n```\n"
    )
    question = rendered(quiz).questions[0]
    assert question.prompt == "Is the cap 12.0 %?"
    assert question.choices == ["Yes, 12.0 %", "No"]
    assert "Four times 3.0 %." in question.explanation_html


# --- the register file ----------------------------------------------------------------


def test_a_register_error_names_its_line():
    text = FACTS_YAML.format(lpr="three", checked="2026-11-29")
    with pytest.raises(RegisterFileError) as problem:
        parse_register(text)
    assert problem.value.errors == ["1: lpr_1y: 'three' is not a number"]


def test_the_shipped_register_is_valid_and_holds_the_shared_figures(settings):
    register = read_register(settings.BASE_DIR / "lessons" / FACTS_FILE)
    assert register.value("private_lending_cap") == "12.0"
    assert {"hotline_nfra", "hotline_pboc", "hotline_mental_health"} <= set(register.entries)
    assert [register.value(k) for k in ("hotline_nfra", "hotline_pboc")] == ["12378", "12363"]


# --- loading, exporting, changing -----------------------------------------------------


@pytest.fixture
def citing(db, tmp_path):
    root = write_citing_folder(tmp_path / "lessons")
    report = load_folder(root)
    assert report.errors == []
    return root


def test_load_lessons_loads_the_register_before_the_lessons(citing):
    lesson = Lesson.objects.get(language="en", slug="lesson-1")
    assert "so the cap is 12.0 %." in lesson.current_revision.html
    assert sorted(lesson.facts.values_list("key", flat=True)) == ["lpr_1y", "private_lending_cap"]
    assert Lesson.objects.get(language="en", slug="lesson-2").facts.count() == 0


def test_loading_the_same_register_again_changes_nothing(citing):
    report = load_folder(citing)
    assert (report.facts_changed, report.updated, Revision.objects.count()) == (0, 0, 4)


def test_a_changed_lpr_in_the_file_renders_every_citing_lesson_again(citing):
    write_citing_folder(citing, lpr="3.1")
    call_command("load_lessons", str(citing), stdout=None)
    for language, cap in (("en", "12.4 %"), ("zh-hans", "12.4%")):
        lesson = Lesson.objects.get(language=language, slug="lesson-1")
        assert cap in lesson.current_revision.html
        assert lesson.current_revision.note.startswith("Fact lpr_1y: 3.0 → 3.1")
        assert lesson.revisions.count() == 2
    assert Lesson.objects.get(language="en", slug="lesson-2").revisions.count() == 1


PRIVATE_LOAN = {
    "product": "private_loan",
    "overdue_principal": "100000",
    "annual_rate": "24",
    "days_overdue": "365",
    "overdue_since": "2025-06-01",
}


def test_one_lpr_change_renders_the_lessons_and_moves_the_calculators_default(citing, client):
    api = "/api/v1/calculators/overdue"
    assert client.get(api, PRIVATE_LOAN).json()["cap"] == "12000.00"  # cached at 3.0 %
    entry = dataclasses.replace(REGISTER.entries["lpr_1y"], value="3.1")
    update = fact_changes.update_fact(entry, note="NIFC 20 January 2027")
    assert sorted(lesson.language for lesson in update.lessons) == ["en", "zh-hans"]
    answer = client.get(api, PRIVATE_LOAN).json()
    assert (answer["lpr"]["annual_rate"], answer["cap"]) == ("3.1", "12400.00")
    page = client.get("/en/calculators/overdue/", PRIVATE_LOAN).content.decode()
    assert "one-year LPR of 3.1 % in force from 20 May 2025" in page
    assert "¥12,400.00" in page
    assert fact_store.value("private_lending_cap") == Decimal("12.4")


EMBEDDED_PRIVATE_LOAN = (
    "```calculator overdue\n"
    + "".join(f"{name}: {value}\n" for name, value in PRIVATE_LOAN.items())
    + "```\n\nThe cap above uses the register's LPR.\n"
)


def test_a_lesson_whose_calculator_used_the_registers_lpr_is_rendered_again(citing):
    for language in ("en", "zh-hans"):
        (citing / language / "course-1" / "02-lesson-2.md").write_text(
            lesson_source(title="Lesson 2", translation="c1-lesson-2", body=EMBEDDED_PRIVATE_LOAN),
            encoding="utf-8",
        )
    assert load_folder(citing).errors == []
    lesson = Lesson.objects.get(language="en", slug="lesson-2")
    assert list(lesson.facts.values_list("key", flat=True)) == ["lpr_1y"]
    assert "¥12,000.00" in lesson.current_revision.html
    entry = dataclasses.replace(REGISTER.entries["lpr_1y"], value="3.1")
    update = fact_changes.update_fact(entry, note="NIFC 20 January 2027")
    assert lesson in update.lessons
    lesson.refresh_from_db()
    assert "¥12,400.00" in lesson.current_revision.html


def test_a_fact_change_is_one_step_with_every_lesson(citing):
    entry = dataclasses.replace(REGISTER.entries["lpr_1y"], value="3.1")
    update = fact_changes.update_fact(entry, note="NIFC 20 January 2027")
    assert sorted(lesson.language for lesson in update.lessons) == ["en", "zh-hans"]
    assert update.value_changed
    lesson = Lesson.objects.get(language="en", slug="lesson-1")
    assert lesson.current_revision.note == "Fact lpr_1y: 3.0 → 3.1. NIFC 20 January 2027"
    assert Fact.objects.get(key="private_lending_cap").value_changed_at is not None


def test_a_fact_change_that_a_lesson_cannot_take_changes_nothing(citing, monkeypatch):
    """The second lesson refuses: the first lesson's new revision and the fact roll back."""
    real = fact_changes.render_lesson
    calls = []

    def second_fails(source, *, language, facts):
        calls.append(language)
        result = real(source, language=language, facts=facts)
        if len(calls) == 2:
            result.errors.append(fact_changes.AuthoringError(1, "refused"))
        return result

    monkeypatch.setattr(fact_changes, "render_lesson", second_fails)
    entry = dataclasses.replace(REGISTER.entries["lpr_1y"], value="3.1")
    with pytest.raises(fact_changes.FactChangeRefused):
        fact_changes.update_fact(entry)
    assert Fact.objects.get(key="lpr_1y").value == "3.0"
    assert Revision.objects.count() == 4


def test_re_checking_without_a_new_value_keeps_the_lessons_text(citing):
    entry = dataclasses.replace(REGISTER.entries["lpr_1y"], checked=datetime.date(2027, 1, 5))
    update = fact_changes.update_fact(entry)
    assert (update.changed, update.value_changed, update.lessons) == (True, False, [])
    assert Fact.objects.get(key="lpr_1y").checked_on == datetime.date(2027, 1, 5)


def test_export_writes_the_register_that_load_reads_back(citing, tmp_path):
    out = tmp_path / "out"
    export_folder(out)
    assert read_register(out / FACTS_FILE).entries == read_register(citing / FACTS_FILE).entries
    assert "{{fact:lpr_1y}}" in (out / "en" / "course-1" / "01-lesson-1.md").read_text()
