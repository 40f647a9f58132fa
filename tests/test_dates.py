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
