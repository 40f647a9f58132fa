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


def test_to_dict_is_the_dataclass_fields_in_order():
    """to_dict is hand-written for speed; it must give what dataclasses.asdict gives."""
    from dataclasses import asdict

    a = analyze("Chiu Ming, 58, was paid NT$4.2 million (US$129,000) and sentenced to 12 years "
                "in prison. Investigators found 19 documents, 3 of them secret, on June 3, 2024.")
    d = a.to_dict()
    assert d["money"] and d["sentences"] and d["document_counts"] and d["dates"] and d["cases"]
    assert d["people"] == [asdict(p) for p in a.people]
    for key, items in (("money", a.money), ("sentences", a.sentences),
                       ("document_counts", a.document_counts), ("dates", a.dates), ("cases", a.cases)):
        plain = [asdict(x) for x in items]
        assert [list(x) for x in d[key]] == [list(x) for x in plain]
        assert d[key] == [{k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in x.items()}
                          for x in plain]


def test_vocabulary_stops_growing_once_batches_run_in_memory_zones(monkeypatch):
    import sys

    analyze_mod = sys.modules["mssnews.api"]
    from mssnews.pipeline import get_nlp

    nlp = get_nlp()
    analyze("warm up the pipeline with Zhou Min, fined 9,000 yuan.")
    monkeypatch.setattr(analyze_mod, "VOCAB_GROWTH", 0)  # every batch from now on in a zone
    before = len(nlp.vocab.strings)
    words = " ".join(f"Qzx{k}vb" for k in range(300))
    out = list(analyze_many([("a", f"Li Qiang was paid 1,000 yuan. {words}"), ("b", words.upper())]))
    assert out[0].money[0].amount == 1000 and out[0].people[0].name == "Li Qiang"
    assert len(nlp.vocab.strings) == before


def test_settle_freezes_the_pipeline_and_collects_young_objects_less_often_once_per_process():
    import json
    import subprocess
    import sys

    code = """if True:
        import gc, json
        from mssnews.pipeline import get_nlp, settle
        get_nlp()
        before = gc.get_threshold()
        settle()
        after = gc.get_threshold()
        frozen = gc.get_freeze_count() > 0
        gc.set_threshold(700)
        settle()  # a second call changes nothing
        print(json.dumps([before, after, frozen, gc.get_threshold()[0]]))"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    before, after, frozen, again = json.loads(out)
    assert frozen
    assert after == [10_000, *before[1:]]
    assert again == 700


def test_docs_serialise_with_their_facts():
    from spacy.tokens import Doc, DocBin

    from mssnews.pipeline import get_nlp

    nlp = get_nlp()
    doc = nlp("Chiu Wen-hsiung took NT$4.2 million and was sentenced to 12 years for espionage.")
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert back._.mssnews["money"] == doc._.mssnews["money"]
    assert [(c.offence, c.person) for c in back._.mssnews["charges"]] == [("espionage", "Chiu Wen-hsiung")]
    assert [(s.start_char, s.end_char, s.label_, s.id_) for s in back.spans["mssnews_charges"]] == [
        (70, 79, "espionage", "offence-espionage-word")]
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    [again] = DocBin().from_bytes(data).get_docs(nlp.vocab)
    assert [(s.penalty, s.years, s.person) for s in again._.mssnews["sentences"]] == [("imprisonment", 12, "Chiu Wen-hsiung")]


def test_our_components_in_a_users_stock_blank_pipeline_read_nt_dollars():
    import spacy

    nlp = spacy.blank("en")
    for name in ("mssnews_boundaries", "mssnews_people", "mssnews_money"):
        nlp.add_pipe(name)
    doc = nlp("Chiu Wen-hsiung took NT$4.2 million.")
    assert [(m.text, m.start, m.amount, m.currency) for m in doc._.mssnews["money"]] == [
        ("NT$4.2 million", 21, 4200000, "TWD")]


def test_tokenizer_settings_are_applied_once_per_tokenizer(monkeypatch):
    """Each component's setup asks for our tokenizer settings; a tokenizer that has them is
    left alone (setting prefix_search reloads all its special cases: 0.1 s per component)."""
    import spacy

    from mssnews import tokenizer as tok

    calls = []
    real = tok.add_currency_prefixes
    monkeypatch.setattr(tok, "add_currency_prefixes", lambda nlp: (calls.append(1), real(nlp)))
    nlp = spacy.blank("en")
    for name in ("mssnews_boundaries", "mssnews_people", "mssnews_money", "mssnews_penalties"):
        nlp.add_pipe(name)
    assert calls == [1]
    ours = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": tok.TOKENIZER}}})
    search = ours.tokenizer.prefix_search
    tok.ensure_tokenizer(ours)
    assert calls == [1] and ours.tokenizer.prefix_search is search


SPAN_TEXT = ("Chiu Wen-hsiung took NT$4.2 million and was sentenced to 12 years for espionage.\n"
             "He leaked 5,200 documents in May 2020.")


def test_every_fact_kind_is_a_span_group_with_rule_ids_and_owners():
    from mssnews.pipeline import get_nlp

    nlp = get_nlp()
    doc = nlp(SPAN_TEXT)
    got = {key: [(s.start_char, s.end_char, s.label_, s.id_, s.kb_id_) for s in group] for key, group in doc.spans.items()}
    chiu = "Chiu Wen-hsiung"
    assert got == {
        "mssnews_people": [(0, 15, "PERSON", "person-name", chiu)],
        "mssnews_money": [(21, 35, "MONEY", "money-symbol-amount", chiu)],
        "mssnews_sentences": [(57, 65, "imprisonment", "term-number-unit", chiu)],
        "mssnews_document_counts": [(91, 106, "DOCUMENTS", "count-number-noun", chiu)],
        "mssnews_dates": [(110, 118, "DATE", "date-month-year", "")],
        "mssnews_charges": [(70, 79, "espionage", "offence-espionage-word", chiu),
                            (84, 106, "state_secrets", "offence-leaked-documents", chiu)],
    }
    assert [SPAN_TEXT[a:b] for a, b, *_ in got["mssnews_money"] + got["mssnews_dates"]] == ["NT$4.2 million", "May 2020"]
    # span._.mssnews: the fact with its normalised values
    assert (doc.spans["mssnews_money"][0]._.mssnews.amount, doc.spans["mssnews_money"][0]._.mssnews.currency) == (4200000, "TWD")
    assert doc.spans["mssnews_sentences"][0]._.mssnews.years == 12
    assert doc.spans["mssnews_dates"][0]._.mssnews.date == "2020-05"
    assert doc.spans["mssnews_people"][0]._.mssnews.name == chiu
    assert doc[0:2]._.mssnews is None  # (a span that is no fact)


def test_span_groups_survive_docbin_and_draw_in_displacy():
    from spacy import displacy
    from spacy.tokens import DocBin

    from mssnews.pipeline import get_nlp

    nlp = get_nlp()
    doc = nlp(SPAN_TEXT)
    [back] = DocBin().from_bytes(DocBin(store_user_data=True, docs=[doc]).to_bytes()).get_docs(nlp.vocab)
    assert [(s.text, s.label_) for s in back.spans["mssnews_sentences"]] == [("12 years", "imprisonment")]
    assert back.spans["mssnews_sentences"][0]._.mssnews.person == "Chiu Wen-hsiung"
    html = displacy.render(doc, style="span", options={"spans_key": "mssnews_charges"})
    assert "state_secrets" in html and "espionage" in html


def test_the_spans_component_in_a_users_pipeline():
    import spacy

    nlp = spacy.blank("en")
    for name in ("mssnews_boundaries", "mssnews_money", "mssnews_spans"):
        nlp.add_pipe(name)
    doc = nlp("A fine of HK$80,000 was paid.")
    assert [(s.text, s.label_, s.kb_id_) for s in doc.spans["mssnews_money"]] == [("HK$80,000", "MONEY", "")]
    assert list(doc.spans["mssnews_people"]) == [] and list(doc.spans["mssnews_charges"]) == []
