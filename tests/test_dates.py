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
