"""The matching passage is escaped, then marked; queries are bounded."""

from literacy.home.search.analysis import MAX_QUERY_TERMS, parse_query, terms
from literacy.home.search.results import passage


def test_chinese_is_indexed_as_bigrams_so_words_inside_runs_are_found():
    assert terms("逾期罚息按日") == ["逾期", "期罚", "罚息", "息按", "按日"]


def test_english_spellings_share_a_stem():
    assert terms("instalment installments") == ["instal", "instal"]


def test_the_passage_marks_matches_and_escapes_the_text():
    text = "<script>alert(1)</script> 逾期罚息按日计算 & more"
    html = passage(text, parse_query("罚息"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>罚息</mark>" in html


def test_the_passage_marks_english_words_by_stem():
    html = passage("Late fees and penalty interest add up.", parse_query("penalty interests"))
    assert "<mark>penalty</mark> <mark>interest</mark>" in html


def test_a_long_query_is_cut_to_bounded_terms():
    query = parse_query(" ".join(f"word{n}" for n in range(200)) + "罚息" * 500)
    assert len(query.clauses) == MAX_QUERY_TERMS
    assert len(query.text) <= 100
