"""The date recognizer (recognizers/dates.py, rules/dates.jsonl): the publication date, events
at the precision written, and what each rule means."""
import pytest


def test_published_and_events(run):
    text = ("Spy case disclosed\nBy Global Times Published: Sep 04, 2025 10:54 AM\n"
            "The ministry said on Thursday that in February 2019 a man was jailed. Last year he appealed.")
    a = run(text)
    assert a.published == "2025-09-04"
    got = [(d.text, d.date) for d in a.dates]
    assert got == [("Sep 04, 2025", "2025-09-04"), ("Thursday", "2025-09-04"),
                   ("February 2019", "2019-02"), ("Last year", "2024")]
    for d in a.dates:
        assert text[d.start:d.end] == d.text


def test_iso_date_and_year(run):
    a = run(" date 2015-03-10 BEIJING - The two men were arrested in 2014.")
    assert a.published == "2015-03-10"
    assert [(d.text, d.date) for d in a.dates] == [("2015-03-10", "2015-03-10"), ("2014", "2014")]


def test_relative_without_publication_date(run):
    a = run("The man was arrested last month.")
    assert a.published is None
    assert [(d.text, d.date) for d in a.dates] == [("last month", None)]


def test_month_and_day_read_like_dateparser_reads_them():
    """'June 3' is read without dateparser (its import costs a few hundred ms): the latest
    such day on or before the publication date, as dateparser gives it."""
    import datetime as dt

    import dateparser

    from mssnews.recognizers.dates import _month_day

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    bases = [dt.datetime(2025, 9, 4), dt.datetime(2024, 3, 1), dt.datetime(2023, 12, 31), dt.datetime(2025, 1, 1)]
    texts = [f"{month} {day}{suffix}" for month in ("June", "Jan.", "Sept", "February", "dec", "May")
             for day, suffix in ((1, ""), (4, ""), (3, "rd"), (28, ""), (29, ""), (31, "st"))]
    for base in bases:
        for text in texts:
            theirs = dateparser.parse(text, languages=["en"], settings={**settings, "RELATIVE_BASE": base})
            assert _month_day(text, base) == theirs, (base, text)  # both None for "June 31"
    assert _month_day("Feb 29", dt.datetime(2023, 12, 31)) == dt.datetime(2020, 2, 29)
    assert _month_day("Thursday 4", dt.datetime(2025, 9, 4)) is None


def test_month_and_day_in_a_report(run):
    a = run("Published: Sep 04, 2025\nThe man was detained on December 3 and tried on June 3rd.")
    assert [(d.text, d.date) for d in a.dates][1:] == [("December 3", "2024-12-03"), ("June 3rd", "2025-06-03")]


@pytest.mark.parametrize("text, expected", [
    ("Published: Sep 04, 2025\nHe was jailed on Jan. 4, 2020.", [("Jan. 4, 2020", "2020-01-04", "date-month-day-year-stop")]),
    ("Published: Sep 04, 2025\nHe was jailed on 4 Jan. 2020.", [("4 Jan. 2020", "2020-01-04", "date-day-month-year-stop")]),
    ("Published: Sep 04, 2025\nHe was jailed in Jun. 2019.", [("Jun. 2019", "2019-06", "date-month-year-stop")]),
    ("Published: Sep 04, 2025\nHe was jailed on Jun. 3.", [("Jun. 3", "2025-06-03", "date-month-day-stop")]),
    ("Published: Sep 04, 2025\nHe was jailed on Feb. 3.", [("Feb. 3", "2025-02-03", "date-month-day")]),
])
def test_jun_and_jan_with_a_full_stop_of_their_own(run, text, expected):
    assert [(d.text, d.date, d.rule) for d in run(text).dates][1:] == expected


@pytest.mark.parametrize("attributes, message", [
    ({"precision": "week", "read": "absolute"}, "precision 'week' is not one of day, month, year, relative"),
    ({"precision": "day", "read": "guess"}, "read 'guess' is not one of absolute, relative, weekday"),
    ({"precision": "day", "read": "absolute", "cue_word": "yes"}, "cue_word must be true or false"),
    ({"precision": "day", "read": "absolute", "format": "iso"}, "unknown attribute format"),
    ({"read": "absolute"}, "precision None is not one of"),
])
def test_a_date_rule_says_what_it_means_or_is_refused(monkeypatch, attributes, message):
    import spacy

    import mssnews.recognizers.dates as dates
    import mssnews.rules.loader as loader
    from mssnews.rules.loader import RuleError

    recs = ({"label": "DATE", "id": "mine", "pattern": [{"LOWER": "today"}], "attributes": attributes},)
    monkeypatch.setattr(loader, "load_patterns", lambda name: recs)
    monkeypatch.setattr(dates, "load_patterns", lambda name: recs)
    with pytest.raises(RuleError, match=f"dates.jsonl: rule 'mine': {message}"):
        dates.DateFinder(spacy.blank("en").vocab)


def test_a_cue_word_is_no_part_of_the_date(run):
    a = run("Published: Sep 04, 2025\nHe was arrested in 2014 and tried on Monday.")
    assert [(d.text, d.date, d.rule) for d in a.dates][1:] == [
        ("2014", "2014", "date-in-year"), ("Monday", "2025-09-01", "date-weekday")]
