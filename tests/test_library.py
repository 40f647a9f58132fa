from mssnews import analyze, analyze_many


def test_analyze_returns_article_objects():
    a = analyze("Zhou Min was fined 9,000 yuan.", source="note.txt")
    assert a.source == "note.txt"
    assert a.money[0].amount == 9000
    assert a.to_dict()["sentences"][0]["penalty"] == "fine"


def test_analyze_many_keeps_order():
    items = [("a", "Li Qiang was paid 1,000 yuan."), ("b", "Nothing here."), ("c", "Wu Ping was paid $5.")]
    out = list(analyze_many(items))
    assert [a.source for a in out] == ["a", "b", "c"]
    assert [len(a.money) for a in out] == [1, 0, 1]


def test_empty_text():
    a = analyze("")
    d = a.to_dict()
    assert d["people"] == [] and d["stats"] == {"characters": 0, "words": 0, "sentences": 0}
