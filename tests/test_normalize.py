import pytest

from mssnews.recognizers.normalize import currency_code, parse_number, parse_term, qualifier, term_value


@pytest.mark.parametrize("text,value", [
    ("45,000", 45000), ("1.2 million", 1200000), ("1.716 million", 1716000),
    ("813 million", 813000000), ("two", 2), ("fourteen", 14), ("forty-five thousand", 45000),
    ("twenty five", 25), ("one hundred and five", 105), ("a dozen", 12), ("2.5m", 2500000),
    ("3bn", 3000000000), ("one and a half", 1.5), ("0.75", 0.75),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "tens", "5 6", "yuan", "many"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text,expected", [
    ("14 years", (14, 0, 0)), ("two years and three months", (2, 3, 0)),
    ("five-year-and-eight-month", (5, 8, 0)), ("12 months", (0, 12, 0)),
    ("15 days", (0, 0, 15)), ("two weeks", (0, 0, 14)), ("a year", (1, 0, 0)),
    ("one and a half years", (1.5, 0, 0)),
])
def test_parse_term(text, expected):
    t = parse_term(text)
    assert (t["years"], t["months"], t["days"]) == expected


def test_parse_term_none():
    assert parse_term("several decades") is None


@pytest.mark.parametrize("years,months,days,value", [
    (2, 3, 0, 2.25), (5, 10, 0, 5.833), (0, 7, 0, 0.583), (0, 0, 15, 0.041), (14, 0, 0, 14),
])
def test_term_value(years, months, days, value):
    assert term_value(years, months, days) == value


@pytest.mark.parametrize("mark,code", [
    ("yuan", "CNY"), ("RMB", "CNY"), ("renminbi", "CNY"), ("¥", "CNY"), ("Chinese Yuan", "CNY"),
    ("$", "USD"), ("US$", "USD"), ("U.S. dollars", "USD"), ("NT$", "TWD"), ("HK$", "HKD"),
    ("Hong Kong dollars", "HKD"), ("euros", "EUR"), ("€", "EUR"), ("pounds", "GBP"), ("£", "GBP"),
    ("yen", "JPY"),
])
def test_currency_code(mark, code):
    assert currency_code(mark) == code


def test_currency_code_unknown():
    assert currency_code("shells") is None


@pytest.mark.parametrize("words,q", [("nearly", "nearly"), ("more than", "more_than"), ("over", "more_than"),
                                     ("about", "about"), ("at least", "at_least"), ("up to", "up_to")])
def test_qualifier(words, q):
    assert qualifier(words) == q
