"""Charges: the recognizer alone on sentences of our own, with exact offsets, offences,
statuses and people."""
import json

import pytest

from mssnews import analyze
from mssnews.rules.loader import RuleError, load_patterns


def charges(text):
    return [(c.text, c.start, c.end, c.offence, c.status, c.person) for c in analyze(text).charges]


def at(text, phrase):
    i = text.index(phrase)
    return i, i + len(phrase)


@pytest.mark.parametrize("text, phrase, offence, status, person", [
    ("Gu Ming was sentenced to nine years in prison for espionage.", "espionage", "espionage", "convicted", "Gu Ming"),
    ("A court jailed Peng Hao for life on Monday for spying for a foreign agency.", "spying for", "espionage",
     "convicted", "Peng Hao"),
    ("Rao Wenjun was found guilty of leaking state secrets and given 12 years.", "leaking state secrets",
     "state_secrets", "convicted", "Rao Wenjun"),
    ("Prosecutors charged Lu Fang with accepting bribes worth 3 million yuan.", "bribes", "bribery", "charged", "Lu Fang"),
    ("Tom Baker pleaded guilty to wire fraud in a federal court.", "fraud", "fraud", "pleaded_guilty", "Tom Baker"),
    ("Anna Weber was acquitted of treason by the regional court.", "treason", "treason", "acquitted", "Anna Weber"),
    ("Mo Lan was detained on suspicion of inciting subversion of state power.", "subversion", "subversion", "charged",
     "Mo Lan"),
    ("Yu Qiang was convicted of economic espionage and sentenced to 30 months.", "economic espionage", "trade_secrets",
     "convicted", "Yu Qiang"),
    ("Ko Min was indicted for illegally exporting military chips to Iran.", "exporting military chips to Iran",
     "export_control",
     "charged", "Ko Min"),
    ("The court sentenced Xu Bo to 15 years for embezzlement and abuse of power.", "embezzlement", "embezzlement",
     "convicted", "Xu Bo"),
    ("Sam Reid was jailed for eight years for money laundering.", "money laundering", "money_laundering", "convicted",
     "Sam Reid"),
    ("Activist Lam Ka-wai was charged with sedition over a leaflet.", "sedition", "sedition", "charged",
     "Lam Ka-wai"),
    # running a spy network is espionage named by its act
    ("The court sentenced Hsu Bo to 20 months for developing a spy network for China.", "developing a spy network",
     "espionage", "convicted", "Hsu Bo"),
    ("Hsu Bo was convicted of running a spy ring for Beijing.", "running a spy ring", "espionage", "convicted", "Hsu Bo"),
    ("Hsu Bo, accused of setting up an intelligence network, was detained.", "setting up an intelligence network",
     "espionage", "charged", "Hsu Bo"),
    # the UK offence of assisting a foreign intelligence service
    ("A Hong Kong court convicted Chung Bo of assisting a foreign intelligence service.",
     "assisting a foreign intelligence service", "espionage", "convicted", "Chung Bo"),
    ("Chung Bo was charged with helping a foreign intelligence agency.", "helping a foreign intelligence agency",
     "espionage", "charged", "Chung Bo"),
])
def test_offence_status_and_person(text, phrase, offence, status, person):
    start, end = at(text, phrase)
    assert (phrase, start, end, offence, status, person) in charges(text)


@pytest.mark.parametrize("text", [
    "The Counter-Espionage Law took effect in 2014.",
    "Officials warned students to guard against espionage by foreign agencies.",
    "Whoever steals state secrets shall be sentenced to at least 10 years.",
    "Foreign espionage agencies have stepped up their activities, the ministry said.",
    "If convicted of espionage, he could face life in prison.",
    "The report said bribery remains common in the sector.",
    "Officials warned of a foreign espionage network targeting students.",
])
def test_no_charge_without_someone_accused(text):
    assert charges(text) == []


def test_each_person_of_a_list_gets_the_charge():
    text = "Wen Li, Bai Tao and Jiang Ye were sentenced to six years each for selling state secrets."
    assert [(c[3], c[5]) for c in charges(text)] == [("state_secrets", "Wen Li"), ("state_secrets", "Bai Tao"),
                                                     ("state_secrets", "Jiang Ye")]


def test_an_unnamed_subject_spreads_to_the_people_sentenced():
    text = ("Two officers were jailed for leaking military secrets.\n"
            "Hu Lei was sentenced to seven years. Dai Xin was sentenced to five years.")
    assert sorted((c[3], c[5]) for c in charges(text)) == [("state_secrets", "Dai Xin"), ("state_secrets", "Hu Lei")]


def test_penalties_and_cases_point_at_their_charges():
    a = analyze("Gao Yan was sentenced to 10 years in prison for espionage and fined 50,000 yuan.")
    assert [(c.offence, c.person) for c in a.charges] == [("espionage", "Gao Yan")]
    assert [(s.penalty, s.charges) for s in a.sentences] == [("imprisonment", [0]), ("fine", [0])]
    assert [(c.person, c.charges) for c in a.cases] == [("Gao Yan", [0])]


def test_charged_then_sentenced_is_convicted():
    text = "Qin Rui was charged with bribery last year. He was sentenced to eight years in June."
    assert [(c[3], c[4], c[5]) for c in charges(text)] == [("bribery", "convicted", "Qin Rui")]


def test_spans_in_the_span_group():
    from mssnews.pipeline import get_nlp
    from mssnews.api import make_doc

    nlp = get_nlp()
    text = "Gu Ming was sentenced to nine years for espionage."
    doc = nlp(make_doc(nlp, text))
    [span] = doc.spans["mssnews_charges"]
    assert (span.start_char, span.end_char, span.label_, span.id_) == (40, 49, "espionage", "offence-espionage-word")


def test_every_charge_rule_names_a_known_offence():
    from mssnews.recognizers.charges import OFFENCES
    for rec in load_patterns("charges"):
        assert rec["attributes"]["offence"] in OFFENCES + (None,), rec["id"]
    statuses = [rec["attributes"]["status"] for rec in load_patterns("context") if rec["label"] == "STATUS"]
    assert set(statuses) == {"convicted", "pleaded_guilty", "charged", "acquitted", "hypothetical"}


def test_a_rule_with_an_unknown_key_is_refused(tmp_path, monkeypatch):
    from importlib import resources
    from mssnews.rules import loader as rules

    (tmp_path / "bad.jsonl").write_text(json.dumps({"id": "x", "label": "X", "pattern": [], "meaning": 1}) + "\n")

    class Files:
        def joinpath(self, *parts):
            return tmp_path.joinpath(*parts)

    monkeypatch.setattr(resources, "files", lambda package: Files())
    with pytest.raises(RuleError, match=r"^bad.jsonl:1: unknown key 'meaning'"):
        rules.load_patterns.__wrapped__("bad")


@pytest.mark.parametrize("text, expected", [
    ("Judge Ann Webb sentenced Tom Baker to 15 years for leaking classified information.",
     [("state_secrets", "Tom Baker")]),
    ("China and its rivals have long traded accusations of espionage.", []),
    ("Prosecutors said Chen Bo sought soldiers who would be willing to spy for China.", []),
    ("The four were found guilty of contravening the Anti-Corruption Act. Yeh Tao was jailed for five years.",
     [("bribery", "Yeh Tao")]),
])
def test_officials_general_statements_and_hypotheticals(text, expected):
    assert [(c[3], c[5]) for c in charges(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Sam Cole was jailed for five years. Cole also offered bribes worth $50,000 to officials.",
     [("bribery", "convicted", "Sam Cole")]),
    ("Tian Bo was sentenced to 10 years. Tian had sold state secrets to a foreign agent.",
     [("state_secrets", "convicted", "Tian Bo")]),
    ("Ada Lin got 30 months. Lin illegally exported chips to Iran in 2020.",
     [("export_control", "convicted", "Ada Lin")]),
])
def test_the_acts_of_a_person_sentenced_are_convictions(text, expected):
    assert [(c[3], c[4], c[5]) for c in charges(text)] == expected


@pytest.mark.parametrize("text", [
    "Xu Fan kept leaking state secrets to the handler.",  # no one sentenced: no charge
    "Bo Lan was sentenced to 12 years. Bo had abused his power to benefit others.",  # part of the bribery
    "Ge Li was jailed for six years. Ge's espionage activities lasted a decade.",  # no act named
])
def test_acts_with_no_cue_and_no_sentence_are_no_charge(text):
    assert charges(text) == []


@pytest.mark.parametrize("text, expected", [
    # held or charged, with no offence named for them: their acts are what they are held for
    ("Police identified a suspect surnamed Ni. Ni had sold state secrets to a foreign agent.",
     [("state_secrets", "charged", "Ni")]),
    ("Officers arrested Kim Dae-ho at the airport. Kim illegally exported drone parts to a sanctioned firm.",
     [("export_control", "charged", "Kim Dae-ho")]),
    ("Ruth Ames was indicted last week. Ames had laundered money for a cartel.",
     [("money_laundering", "charged", "Ruth Ames")]),
])
def test_the_acts_of_a_person_held_have_their_status(text, expected):
    assert [(c[3], c[4], c[5]) for c in charges(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # an offence named for them already: their other acts are not charges of their own
    ("Liu Yan was detained on suspicion of espionage. Liu had sold state secrets to an agent.",
     [("espionage", "charged", "Liu Yan")]),
    # a statute's "shall be sentenced" gives no one a status
    ("Whoever leaks secrets shall be sentenced to prison. Bo Tai had sold state secrets to an agent.", []),
    # no status at all
    ("Wu Lan met a foreign agent twice. Wu sold state secrets to him.", []),
])
def test_acts_get_no_status_they_were_not_given(text, expected):
    assert [(c[3], c[4], c[5]) for c in charges(text)] == expected


@pytest.mark.parametrize("text, people", [
    ("Three former soldiers were sentenced on charges of selling state secrets to China. "
     "The court sentenced Lai Bo to seven years, Lee Min to six years and Lin Tao to five years.",
     ["Lai Bo", "Lee Min", "Lin Tao"]),
    ("Two engineers, including one who ran a lab, have been jailed for spying. Wu Fang got nine years "
     "and Zhou Ping got eight years.", ["Wu Fang", "Zhou Ping"]),
    ("The four men were convicted of taking bribes. Ma Li was sentenced to 10 years, Yu Bo to 8 years, "
     "Xu Kai to 7 years and Du Dan to 6 years.", ["Ma Li", "Yu Bo", "Xu Kai", "Du Dan"]),
])
def test_a_charge_of_a_numbered_group_is_each_persons(text, people):
    assert sorted(c[5] for c in charges(text)) == sorted(people)


@pytest.mark.parametrize("text, offence, person", [
    ("Sam Lee was convicted of leaking classified documents.", "state_secrets", "Sam Lee"),
    ("Ria Winn, a contractor who leaked documents about hacking, got five years.", "state_secrets", "Ria Winn"),
    ("Bo Tan was charged with leaking internal files to a foreign agent.", "state_secrets", "Bo Tan"),
    ("Tom Hill was charged with exporting rifle scopes to Iran.", "export_control", "Tom Hill"),
    ("Ada Ng was indicted for shipping military-grade chips to Russia.", "export_control", "Ada Ng"),
    ("Lu Wen was convicted over the shipment of night-vision parts to China.", "export_control", "Lu Wen"),
])
def test_leaks_and_shipments_named_by_their_act(text, offence, person):
    assert [(c[3], c[5]) for c in charges(text)] == [(offence, person)]


def test_trade_is_no_charge():
    assert charges("China exports steel to Russia, officials said.") == []


@pytest.mark.parametrize("text, expected", [
    # espionage told by its act, for someone held or sentenced ("working for / acting as an agent")
    ("Police arrested Tang Yu in May. Tang had offered cooperation to an overseas spy agency.",
     [("espionage", "charged", "Tang Yu")]),
    ("Bo Hai was sentenced to ten years. Bo had pledged allegiance to a foreign intelligence service.",
     [("espionage", "convicted", "Bo Hai")]),
    ("Officers detained Gu Ming last year. Gu had been recruited by a foreign intelligence agency in 2019.",
     [("espionage", "charged", "Gu Ming")]),
    ("Lin Fei was jailed for six years. Lin offered his services to the agents.", [("espionage", "convicted", "Lin Fei")]),
])
def test_espionage_named_by_its_act(text, expected):
    assert [(c[3], c[4], c[5]) for c in charges(text)] == expected


@pytest.mark.parametrize("text", [
    "Wu Lan offered cooperation to a foreign intelligence agency, the ministry warned.",  # no one held or sentenced
    "The firm offered its services to the city.",
    "Leaking secrets to a foreign spy agency is a crime.",
])
def test_an_act_with_no_one_held_or_sentenced_is_no_charge(text):
    assert charges(text) == []


def test_a_rule_whose_act_is_not_true_or_false_is_refused(monkeypatch):
    import spacy

    import mssnews.recognizers.charges as mod
    from mssnews.rules.loader import RuleError

    recs = ({"id": "mine", "label": "OFFENCE", "pattern": [{"LOWER": "spying"}],
             "attributes": {"offence": "espionage", "act": "yes"}},)
    monkeypatch.setattr(mod, "load_patterns", lambda name: recs if name == "charges" else ())
    monkeypatch.setattr("mssnews.rules.loader.load_patterns", lambda name: recs if name == "charges" else ())
    with pytest.raises(RuleError, match="rule 'mine': act must be true or false, not 'yes'"):
        mod.ChargeFinder(spacy.blank("en").vocab)


@pytest.mark.parametrize("text, expected", [
    # a charge of a numbered group of unnamed people other than those the report sentences is theirs
    ("Ho Wai was jailed for two years for sedition. Outside, 45 activists convicted of subversion awaited mitigation.",
     [("sedition", "convicted", "Ho Wai"), ("subversion", "convicted", None)]),
    ("Ho Wai and Lam Ka were jailed for a year for sedition; three other men were convicted of subversion.",
     [("sedition", "convicted", "Ho Wai"), ("sedition", "convicted", "Lam Ka"), ("subversion", "convicted", None)]),
    # ... but "two men" in a report that sentences two are those two
    ("A court jailed two men for selling military secrets. Han Bo got ten years and Zhang Yi got eight years.",
     [("state_secrets", "convicted", "Han Bo"), ("state_secrets", "convicted", "Zhang Yi")]),
    ("Two men were convicted of spying. Han Bo got ten years and Zhang Yi got eight years.",
     [("espionage", "convicted", "Han Bo"), ("espionage", "convicted", "Zhang Yi")]),
])
def test_a_charge_of_a_numbered_group(text, expected):
    assert [(c[3], c[4], c[5]) for c in charges(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # pleading not guilty leaves a charge a charge
    ("Chen Hua pleaded not guilty to stealing trade secrets.", [("trade_secrets", "charged", "Chen Hua")]),
    ("Tom Baker pleads not guilty to wire fraud.", [("fraud", "charged", "Tom Baker")]),
    ("Chen Hua pleaded guilty to stealing trade secrets.", [("trade_secrets", "pleaded_guilty", "Chen Hua")]),
    # a law that names the offence, when someone is accused under it
    ("Kovacs was charged under the Official Secrets Act.", [("state_secrets", "charged", "Kovacs")]),
    ("Ma Bo was convicted of violating the Espionage Act.", [("state_secrets", "convicted", "Ma Bo")]),
    ("Liu Bo was convicted under the Counter-Espionage Law.", [("espionage", "convicted", "Liu Bo")]),
    ("Wu Ming was indicted for violating the Foreign Agents Registration Act.", [("espionage", "charged", "Wu Ming")]),
    ("The Official Secrets Act was passed in 1911.", []),
    # what could be, with nothing real before it, is no charge
    ("Li Qiang said violating the Counter-Espionage Law could bring jail.", []),
    ("Anyone who steals state secrets shall be sentenced to not less than 10 years.", []),
])
def test_pleas_laws_and_what_could_be(text, expected):
    assert [(c.offence, c.status, c.person) for c in analyze(text).charges] == expected
