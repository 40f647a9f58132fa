"""Money recognizer: text, expected sums (as written, amount, currency, qualifier)."""
import pytest

from conftest import span_of

from mssnews import analyze

CASES = [
    ("Wen received 45,000 yuan ($6,300) from the agent.",
     [("45,000 yuan", 45000, "CNY", None, None), ("$6,300", 6300, "USD", None, 0)]),
    ("He took bribes worth more than 431 million yuan.",
     [("431 million yuan", 431000000, "CNY", "more_than", None)]),
    ("The pair were paid NT$1.716 million (US$52,262).",
     [("NT$1.716 million", 1716000, "TWD", None, None), ("US$52,262", 52262, "USD", None, 0)]),
    ("Police offered HK$1 million for information.",
     [("HK$1 million", 1000000, "HKD", None, None)]),
    ("She accepted 67.99 million yuan (9.8 million US dollars) and 100,000 Hong Kong dollars.",
     [("67.99 million yuan", 67990000, "CNY", None, None), ("9.8 million US dollars", 9800000, "USD", None, 0),
      ("100,000 Hong Kong dollars", 100000, "HKD", None, None)]),
    ("He accepted 64.6 million Chinese Yuan in bribes.",
     [("64.6 million Chinese Yuan", 64600000, "CNY", None, None)]),
    ("The firm paid nearly 2.5 million euros and about £40,000.",
     [("2.5 million euros", 2500000, "EUR", "nearly", None), ("£40,000", 40000, "GBP", "about", None)]),
    ("Investigators found RMB500,000 in cash.", [("RMB500,000", 500000, "CNY", None, None)]),
    ("He received tens of thousands of yuan in return.",
     [("tens of thousands of yuan", None, "CNY", "vague", None)]),
    ("He served 14 years and was 45 years old.", []),
    ("Qin Hao took $1.3m and 2.5m euros.", [("$1.3m", 1300000, "USD", None, None), ("2.5m euros", 2500000, "EUR", None, None)]),
    ("Bribes reached 1.2bn yuan, and he kept 40mn yuan and 5k euros.",
     [("1.2bn yuan", 1200000000, "CNY", None, None), ("40mn yuan", 40000000, "CNY", None, None),
      ("5k euros", 5000, "EUR", None, None)]),
    ("Bribes of 100 million yuan ($14 million) and ¥1.5 billion.",
     [("100 million yuan", 100000000, "CNY", None, None), ("$14 million", 14000000, "USD", None, 0),
      ("¥1.5 billion", 1500000000, "CNY", None, None)]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_money(run, text, expected):
    got = run(text).money
    assert [(m.text, m.amount, m.currency, m.qualifier, m.equivalent_of) for m in got] == expected
    for m, (written, *_rest) in zip(got, expected):
        assert (m.start, m.end) == span_of(text, written)
        assert text[m.start:m.end] == m.text
        assert m.rule.startswith("money-")


def test_money_rule_is_recorded(run):
    m = run("He was paid $12,000.").money[0]
    assert m.rule == "money-symbol-amount"


@pytest.mark.parametrize("text, written, amount, currency", [
    ("He was fined 40,000 zlotys.", "40,000 zlotys", 40000, "PLN"),
    ("He was fined PLN 40,000.", "PLN 40,000", 40000, "PLN"),
    ("He was fined 40,000 PLN.", "40,000 PLN", 40000, "PLN"),
    ("She was paid 2,000 kroons.", "2,000 kroons", 2000, "EEK"),
    ("She was paid 7,000 Estonian kroons.", "7,000 Estonian kroons", 7000, "EEK"),
    ("The fine was 2 million Swedish kronor.", "2 million Swedish kronor", 2000000, "SEK"),
    ("He took 3.5 million ringgit.", "3.5 million ringgit", 3500000, "MYR"),
    ("He took 1 million naira.", "1 million naira", 1000000, "NGN"),
    ("He paid 50,000 dirhams.", "50,000 dirhams", 50000, "AED"),
    ("He paid 5,000 South Korean won.", "5,000 South Korean won", 5000, "KRW"),
    ("He was fined 1.5 crore rupees.", "1.5 crore rupees", 15000000, "INR"),
    ("He took Rs 50 lakh.", "Rs 50 lakh", 5000000, "INR"),
    ("The deal cost £45m last year.", "£45m", 45000000, "GBP"),
    ("The deal was worth $2.5bn.", "$2.5bn", 2500000000, "USD"),
])
def test_currencies_of_any_country(text, written, amount, currency):
    [m] = analyze(text).money
    assert (text[m.start:m.end], m.start, m.amount, m.currency) == (written, text.index(written), amount, currency)


def test_sums_in_a_list_each_count():
    text = "They were fined 5 million won and 3 million won, respectively."
    assert [(m.amount, m.currency, m.start) for m in analyze(text).money] == [
        (5000000, "KRW", text.index("5 million")), (3000000, "KRW", text.index("3 million"))]


@pytest.mark.parametrize("text", ["ALL 5 MEN WERE JAILED.", "He scored 5 marks in the test.", "They won 3 games."])
def test_english_words_are_no_currency(text):
    assert analyze(text).money == []


def test_a_money_rule_with_a_bad_attribute_is_refused(monkeypatch):
    import spacy

    from mssnews.recognizers import money
    from mssnews.rules import loader
    from mssnews.rules.loader import RuleError

    recs = ({"label": "MONEY", "id": "mine", "pattern": [{"LIKE_NUM": True}, {"LOWER": "yuan"}],
             "attributes": {"currency": "CNY"}},)
    monkeypatch.setattr(loader, "load_patterns", lambda name: recs)
    monkeypatch.setattr(money, "load_patterns", lambda name: recs)
    with pytest.raises(RuleError, match="money.jsonl: rule .mine.: the attributes are symbol_before and vague"):
        money.MoneyFinder(spacy.blank("en").vocab)


@pytest.mark.parametrize("text, money, sentences", [
    # a scale letter with a full stop after it: the sum ends before the full stop, which ends
    # its sentence
    ("He was fined £45m. The bank lost more.", [("£45m", 45000000, "GBP")], 2),
    ("She took €3.5m. Then she fled.", [("€3.5m", 3500000, "EUR")], 2),
    ("They paid $12m. Police said so.", [("$12m", 12000000, "USD")], 2),
    # ... while an initial keeps its full stop and its sentence
    ("Judge T. Ellis fined him $5m in all.", [("$5m", 5000000, "USD")], 1),
])
def test_a_sum_in_m_at_a_sentences_end(run, text, money, sentences):
    a = run(text)
    assert [(m.text, m.amount, m.currency) for m in a.money] == money
    assert a.stats["sentences"] == sentences


@pytest.mark.parametrize("text, currencies", [
    # "¥" is the yen where the report's other sums are in yen and none in yuan
    ("He received 1.5 million yen and ¥300,000.", ["JPY", "JPY"]),
    ("The firm paid ¥2 million; the 50 million yen fine came later.", ["JPY", "JPY"]),
    ("He got ¥300,000 and 5,000 yuan.", ["CNY", "CNY"]),
    ("He got ¥300,000.", ["CNY"]),
    # Romanian lei
    ("Police seized 15,000 lei and 300 leu.", ["RON", "RON"]),
])
def test_the_yen_sign_and_the_lei(run, text, currencies):
    assert [m.currency for m in run(text).money] == currencies


@pytest.mark.parametrize("text, money", [
    # Malaysia's "RM" before a figure, glued to it or not
    ("The court fined him RM5,000.", [("RM5,000", 5000, "MYR")]),
    ("He took RM 3.5 million in bribes.", [("RM 3.5 million", 3500000, "MYR")]),
    ("The fund lost RM2.6bn.", [("RM2.6bn", 2600000000, "MYR")]),
])
def test_ringgit_written_rm(run, text, money):
    assert [(m.text, m.amount, m.currency) for m in run(text).money] == money
