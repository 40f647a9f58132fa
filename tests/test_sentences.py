"""Sentence (penalty) recognizer: text, expected (penalty, years, months, days, for_life,
reprieve_years, amount, person)."""
import pytest

S = "imprisonment"
CASES = [
    ("Huang Bo was sentenced to 14 years in prison, deprived of political rights for five years, and fined 40,000 yuan.",
     [(S, 14, 0, 0, False, None, None, "Huang Bo"),
      ("deprivation_of_political_rights", 5, 0, 0, False, None, None, "Huang Bo"),
      ("fine", None, None, None, False, None, 40000, "Huang Bo")]),
    ("In May 2021, Zhou Lan was sentenced to death with a two-year reprieve.",
     [("death_with_reprieve", None, None, None, False, 2, None, "Zhou Lan")]),
    ("Gao Peng was sentenced to life imprisonment and deprived of political rights for life.",
     [("life_imprisonment", None, None, None, True, None, None, "Gao Peng"),
      ("deprivation_of_political_rights", None, None, None, True, None, None, "Gao Peng")]),
    ("Ma Lin was sentenced to two years and three months in prison.",
     [(S, 2, 3, 0, False, None, None, "Ma Lin")]),
    ("Yeh was sentenced to five years and 10 months in prison, while Su received a five-year-and-eight-month sentence.",
     [(S, 5, 10, 0, False, None, None, "Yeh"), (S, 5, 8, 0, False, None, None, "Su")]),
    ("Lu Wei and Qin Fang were sentenced to 12 months and nine months in prison respectively.",
     [(S, 0, 12, 0, False, None, None, "Lu Wei"), (S, 0, 9, 0, False, None, None, "Qin Fang")]),
    ("Xu Tao was sentenced to death and all his personal property was confiscated.",
     [("death", None, None, None, False, None, None, "Xu Tao"),
      ("confiscation_of_property", None, None, None, False, None, None, "Xu Tao")]),
    ("Kong Li was sentenced to three years in prison, suspended for four years.",
     [("suspended_sentence", 3, 0, 0, False, None, None, "Kong Li")]),
    ("A man surnamed Dai was given 10 days of administrative detention.",
     [("detention", 0, 0, 10, False, None, None, "Dai")]),
    ("Jane Miller was ordered to pay a fine of $2,500 and forfeited $505,000 in proceeds.",
     [("fine", None, None, None, False, None, 2500, "Jane Miller"),
      ("confiscation_of_property", None, None, None, False, None, 505000, "Jane Miller")]),
    ("A man surnamed Huang confessed. The court deprived the Huangs of their civil rights for five years.",
     [("deprivation_of_political_rights", 5, 0, 0, False, None, None, "Huang")]),
]

MORE = [
    ("Guo Wen was handed a 10-year prison sentence and a fine of 500,000 yuan.",
     [(S, 10, 0, 0, False, None, None, "Guo Wen"), ("fine", None, None, None, False, None, 500000, "Guo Wen")]),
    ("Deng Lei was sentenced to seven years' imprisonment.", [(S, 7, 0, 0, False, None, None, "Deng Lei")]),
    ("Fu Qiang, 54, was jailed for 12 and a half years.", [(S, 12.5, 0, 0, False, None, None, "Fu Qiang")]),
    ("Ye Ping was sentenced to death with a reprieve of two years.",
     [("death_with_reprieve", None, None, None, False, 2, None, "Ye Ping")]),
    ("Mo Dan was placed under administrative detention for 10 days.", [("detention", 0, 0, 10, False, None, None, "Mo Dan")]),
    ("The court handed down life sentences to Kang Wei and Jiang Rui.",
     [("life_imprisonment", None, None, None, True, None, None, "Kang Wei")]),
    ("Zhu Lin, who faced up to 20 years, was sentenced to time served.", []),
    # "could", "sought", "may" in an earlier clause (after ";", "but", "whereas", "WHILE") do not count
    ("Lin Bo could face up to 10 years; Zhou Min was sentenced to 5 years in prison.",
     [(S, 5, 0, 0, False, None, None, "Zhou Min")]),
    ("Prosecutors sought 12 years in prison, but the court sentenced Zhou Min to 9 years in prison.",
     [(S, 9, 0, 0, False, None, None, "Zhou Min")]),
    ("Lin Bo may get 3 years in prison, whereas Zhou Min was sentenced to 7 years in prison.",
     [(S, 7, 0, 0, False, None, None, "Zhou Min")]),
    ("Lin Bo could face 10 years WHILE Zhou Min got 4 years in prison.",
     [(S, 4, 0, 0, False, None, None, "Zhou Min")]),
    ("Ma Ling was sentenced to a four-and-a-half-year prison term.", [(S, 4.5, 0, 0, False, None, None, "Ma Ling")]),
    ("Sun Hao was sentenced to death, suspended for two years.",
     [("death_with_reprieve", None, None, None, False, 2, None, "Sun Hao")]),
    ("Gu Li received a death sentence, suspended for two years, and Kan Wen three years in prison, suspended for five years.",
     [("death_with_reprieve", None, None, None, False, 2, None, "Gu Li"), ("suspended_sentence", 3, 0, 0, False, None, None, "Kan Wen")]),
    ("Ho Kin-fai was jailed for 20 months after admitting he sold secret files.",
     [(S, 0, 20, 0, False, None, None, "Ho Kin-fai")]),
    ("A Beijing court jailed former banker Tian Ming for 11 years on Monday.", [(S, 11, 0, 0, False, None, None, "Tian Ming")]),
    # the reprieve of a prison term is probation (Chinese courts' English); of a death sentence, a reprieve
    ("Kan Wen was sentenced to three years in prison, with a four-year reprieve.",
     [("suspended_sentence", 3, 0, 0, False, None, None, "Kan Wen")]),
    ("Lu Bin was sentenced to death with a two-year reprieve, and Ye Fei to two years with a reprieve of three years.",
     [("death_with_reprieve", None, None, None, False, 2, None, "Lu Bin"),
      ("suspended_sentence", 2, 0, 0, False, None, None, "Ye Fei")]),
    ("They were sentenced to between three and 11 years.", [(S, 3, 0, 0, False, None, None, None), (S, 11, 0, 0, False, None, None, None)]),
    ("Huang Yu was jailed for 16 years, and his wife Lin Mei for 3 years.",
     [(S, 16, 0, 0, False, None, None, "Huang Yu"), (S, 3, 0, 0, False, None, None, "Lin Mei")]),
    ("The court sentenced former vice-minister Sun Lijun to death with reprieve.",
     [("death_with_reprieve", None, None, None, False, 2, None, "Sun Lijun")]),
    ("Fan Bo was sentenced to 2 years for beating a man to death.", [(S, 2, 0, 0, False, None, None, "Fan Bo")]),
    ("Kuo Lin was also ordered to forfeit US$35,000.",
     [("confiscation_of_property", None, None, None, False, None, 35000, "Kuo Lin")]),
    # the verb left out of the second and third: each still a prison term, each its own person
    ("Pan Yi was sentenced to nine years in prison, Fu Gang to seven years and Chiu Wen-hsiung to five years.",
     [(S, 9, 0, 0, False, None, None, "Pan Yi"), (S, 7, 0, 0, False, None, None, "Fu Gang"),
      (S, 5, 0, 0, False, None, None, "Chiu Wen-hsiung")]),
    # ... after a semicolon too
    ("Gu Jun was sentenced to eight years; his brother Gu Hao to five years.",
     [(S, 8, 0, 0, False, None, None, "Gu Jun"), (S, 5, 0, 0, False, None, None, "Gu Hao")]),
    ("Ada Berg was jailed for six years; Ola Lind for four years.",
     [(S, 6, 0, 0, False, None, None, "Ada Berg"), (S, 4, 0, 0, False, None, None, "Ola Lind")]),
    ("The court sentenced Bo Tan to ten years in prison; Wu Lei to seven years, suspended.",
     [(S, 10, 0, 0, False, None, None, "Bo Tan"), ("suspended_sentence", 7, 0, 0, False, None, None, "Wu Lei")]),
]
CASES += MORE

NOT_SENTENCES = [
    "Whoever endangers national security shall be sentenced to not less than 10 years or life imprisonment.",
    "Lin Hao faces up to life in prison if convicted.",
    "Prosecutors sought a sentence of nearly 17 years for Tan Yu.",
    "Zheng Wu, who is 16 years older than her, asked for a prison sentence of 11 years.",
    "Ni had two years of military service before he was discharged.",
    "After the reprieve the penalty was commuted to life imprisonment.",
    "Bai Xue was given a warning and exempted from punishment.",
    "Bai Xue joined the bureau two years after graduating, and Tan Yu moved to Taipei to work for three years.",
    "Police announced the seizure of $2 million in cash. Tan Yu forfeited his right to appeal.",
    "Hu Bo was jailed in 2019 for fraud and released after 2 years.",
    # time served is no penalty imposed
    "Cheng Li, a journalist, was released after three years in detention. He spent 15 days in detention.",
    "Following two years in prison, Lin Bo was released.",
    "A court sentenced the former official, Li, to one. He had beaten a man to death.",
    "The ages ranged between 20 and 30 years. Huang Yu was jailed for spying, and Lin Mei worked for 3 years in Taipei.",
]


@pytest.mark.parametrize("text,expected", CASES)
def test_sentences(run, text, expected):
    got = run(text).sentences
    assert [(s.penalty, s.years, s.months, s.days, s.for_life, s.reprieve_years, s.amount, s.person)
            for s in got] == expected
    for s in got:
        assert text[s.start:s.end] == s.text
        assert s.rule


@pytest.mark.parametrize("text", NOT_SENTENCES)
def test_not_sentences(run, text):
    assert run(text).sentences == []


def test_offsets_of_a_term(run):
    text = "Ma Lin was sentenced to two years and three months in prison."
    s = run(text).sentences[0]
    assert (s.start, s.end, s.text) == (24, 50, "two years and three months")
    assert s.rule == "term-years-and-months"


@pytest.mark.parametrize("text, start, end, reprieve", [
    # "death with ... reprieve" with the reprieve's length between (a hyphenated length is three tokens)
    ("Huang Bo was sentenced to life. Li Yan got death with a two-year reprieve.", 43, 73, 2),
    ("Li Yan got death with a 2-year reprieve.", 11, 39, 2),
    ("The court gave Li Yan death with a three-year reprieve on Friday.", 22, 54, 3),
    ("Li Yan got death with reprieve.", 11, 30, 2),
])
def test_death_with_a_reprieve_of_any_length_written_between(run, text, start, end, reprieve):
    [s] = [s for s in run(text).sentences if s.penalty.startswith("death")]
    assert (s.penalty, s.start, s.end, s.reprieve_years, s.person) == ("death_with_reprieve", start, end, reprieve, "Li Yan")


def test_fine_points_at_money(run):
    a = run("Qi Ming was fined 3 million yuan.")
    assert a.sentences[0].money == 0
    assert a.money[0].amount == 3000000
    assert a.sentences[0].currency == "CNY"


def test_restated_death_is_dropped(run):
    text = ("Zhao Gang was sentenced to death with a two-year reprieve. "
            "Sentencing Zhao to death shows the resolve of the court.")
    assert [s.penalty for s in run(text).sentences] == ["death_with_reprieve"]


def _terms(run, text):
    return [(s.penalty, s.years, s.months, s.days, s.reprieve_years, s.amount, s.person) for s in run(text).sentences]


@pytest.mark.parametrize("text, expected", [
    # a day or a year between the verb and the term is no term
    ("Ma Rui was sentenced on March 3 to four years and two months in prison.",
     [("imprisonment", 4, 2, 0, None, None, "Ma Rui")]),
    ("Ma Rui was sentenced in December 2024 to 30 months in prison.", [("imprisonment", 0, 30, 0, None, None, "Ma Rui")]),
    ("Ma Rui was sentenced on Oct. 9 to six to eight years.", [("imprisonment", 6, 0, 0, None, None, "Ma Rui"),
                                                               ("imprisonment", 8, 0, 0, None, None, "Ma Rui")]),
    # a qualifier between the verb and the term
    ("Ma Rui was sentenced to nearly five years of incarceration.", [("imprisonment", 5, 0, 0, None, None, "Ma Rui")]),
    ("Ma Rui was sentenced to more than six years in prison.", [("imprisonment", 6, 0, 0, None, None, "Ma Rui")]),
    ("Ma Rui received a suspended sentence of almost two years.", [("suspended_sentence", 2, 0, 0, None, None, "Ma Rui")]),
    # a term changed on appeal
    ("The appeals court reduced Ma Rui's prison term to three years.", [("imprisonment", 3, 0, 0, None, None, "Ma Rui")]),
    ("On appeal the court raised Ma Rui's sentence to nine years.", [("imprisonment", 9, 0, 0, None, None, "Ma Rui")]),
    ("The court cut Ma Rui's jail term to two years, and Bo Tan's to one year and four months.",
     [("imprisonment", 2, 0, 0, None, None, "Ma Rui"), ("imprisonment", 1, 4, 0, None, None, "Bo Tan")]),
    # ranges across defendants, "a year and a half", "a year and a day"
    ("Five officers received sentences ranging from six months to 20 years in prison.",
     [("imprisonment", 0, 6, 0, None, None, None), ("imprisonment", 20, 0, 0, None, None, None)]),
    ("The accused got sentences ranging from death with reprieve to 15 years' imprisonment.",
     [("death_with_reprieve", None, None, None, 2, None, None), ("imprisonment", 15, 0, 0, None, None, None)]),
    ("Ma Rui was jailed for a year and a half.", [("imprisonment", 1.5, 0, 0, None, None, "Ma Rui")]),
    ("Ma Rui was sentenced to a year and a day in prison.", [("imprisonment", 1, 0, 1, None, None, "Ma Rui")]),
    ("Ma Rui got a year and a half on probation.", [("suspended_sentence", 1.5, 0, 0, None, None, "Ma Rui")]),
    # death convertible to life; property taken without the word "confiscated"
    ("The court sentenced Ma Rui to death, convertible to life imprisonment after two years.",
     [("death_with_reprieve", None, None, None, 2, None, "Ma Rui")]),
    ("The court deprived Ma Rui of all his personal property.",
     [("confiscation_of_property", None, None, None, None, None, "Ma Rui")]),
    # political rights deprived, wherever the words stand
    ("Ma Rui got life in prison, with his political rights deprived for life.",
     [("life_imprisonment", None, None, None, None, None, "Ma Rui"),
      ("deprivation_of_political_rights", None, None, None, None, None, "Ma Rui")]),
    ("Ma Rui is deprived of his political right for life.",
     [("deprivation_of_political_rights", None, None, None, None, None, "Ma Rui")]),
])
def test_phrasings_of_unseen_reports(run, text, expected):
    assert _terms(run, text) == expected


@pytest.mark.parametrize("text, amounts", [
    ("The court confiscated NT$664,100 from Lee Yu, NT$460,000 from Lai Wen and NT$265,900 from Lin Kai.",
     [(664100, "Lee Yu"), (460000, "Lai Wen"), (265900, "Lin Kai")]),
    ("The judges ordered the forfeiture of 30,000 euros from Karel Novak and 12,000 euros from Eva Horak.",
     [(30000, "Karel Novak"), (12000, "Eva Horak")]),
    ("Ma Rui will have 500,000 yuan (about $71,800) of his personal assets confiscated.", [(500000, "Ma Rui")]),
])
def test_confiscated_sums_each_with_the_person_they_are_taken_from(run, text, amounts):
    got = [(s.amount, s.person) for s in run(text).sentences if s.penalty == "confiscation_of_property"]
    assert got == amounts


@pytest.mark.parametrize("text, expected", [
    ("Ma Rui was sentenced to nearly two years in prison, suspended on probation for three years.",
     [("suspended_sentence", 2, 0, 0, None, None, "Ma Rui")]),
    ("Ma Rui was given a 12-month suspended jail sentence.", [("suspended_sentence", 0, 12, 0, None, None, "Ma Rui")]),
    ("Ma Rui got an 18-month suspended prison sentence.", [("suspended_sentence", 0, 18, 0, None, None, "Ma Rui")]),
    ("Ma Rui was sentenced to death with a two-year reprieve; it will be reduced to life imprisonment later.",
     [("death_with_reprieve", None, None, None, 2, None, "Ma Rui")]),
])
def test_suspended_terms_and_what_a_reprieve_becomes(run, text, expected):
    assert _terms(run, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Editor jailed for 1 year, 9 months", [("imprisonment", 1, 9)]),
    ("Zhu Li was sentenced to 2 years, 6 months in prison.", [("imprisonment", 2, 6)]),
    ("The court gave Hu Bin 3-years, 4-months in jail.", [("imprisonment", 3, 4)]),
])
def test_years_comma_months_is_one_term(run, text, expected):
    assert [(s.penalty, s.years, s.months) for s in run(text).sentences] == expected


@pytest.mark.parametrize("text", [
    "The court sentenced Yang Jun to death with a two-year suspended execution.",
    "Bo Xu was sentenced to death with a two-year deferred execution for bribery.",
    "Li Na received a death sentence with a two-year stay of execution.",
])
def test_a_suspended_execution_is_a_reprieve(run, text):
    assert [(s.penalty, s.reprieve_years) for s in run(text).sentences] == [("death_with_reprieve", 2)]


@pytest.mark.parametrize("text", [
    "Liu Bo was sentenced to death with a two-year reprieve. He will serve life in prison without the "
    "possibility of commutation or parole.",
    "Tang Hui was given a death sentence with a two-year reprieve for bribery. After two years it becomes life "
    "imprisonment with no commutation.",
    "Wei Min was sentenced to death with a two-year reprieve. The court said he would then serve life "
    "imprisonment without parole.",
])
def test_life_after_a_reprieve_is_part_of_it(run, text):
    assert [s.penalty for s in run(text).sentences] == ["death_with_reprieve"]


def test_life_without_parole_alone_is_a_life_sentence(run):
    text = "Sam Hill was sentenced to life in prison without the possibility of parole."
    assert [s.penalty for s in run(text).sentences] == ["life_imprisonment"]


@pytest.mark.parametrize("text, people", [
    ("Editor jailed for 1 year, 9 months\n\nKo Wai, the former editor, was sentenced to 1 year and 9 months in "
     "jail. His colleague Lam Po got a 14-month sentence.", ["Ko Wai", "Ko Wai", "Lam Po"]),
    ("Spy gets six years\nA court sentenced Tom Bell to six years. Ann Ray, his aide, got two years.",
     ["Tom Bell", "Tom Bell", "Ann Ray"]),
    ("Clerk fined 5,000 yuan\nA clerk surnamed Sun was fined 5,000 yuan. A driver named Li Mu was fined 900 yuan.",
     ["Sun", "Sun", "Li Mu"]),
])
def test_a_heading_restating_a_sentence_is_that_persons(run, text, people):
    assert [s.person for s in run(text).sentences] == people


@pytest.mark.parametrize("text, expected", [
    # a death sentence of someone else, tied to no one, is kept beside another's reprieve
    ("Li Bo was sentenced to death with a two-year reprieve. Another defendant was sentenced to death.",
     [("death_with_reprieve", "Li Bo"), ("death", None)]),
    # a headline's plain "death" restates the body's reprieve
    ("Official sentenced to death\nZhang Bo was sentenced to death with a two-year reprieve.",
     [("death_with_reprieve", "Zhang Bo")]),
    # the same person's plain "death" restates it too
    ("Zhang Bo was sentenced to death with a two-year reprieve. Zhang Bo received the death sentence calmly.",
     [("death_with_reprieve", "Zhang Bo")]),
])
def test_what_a_reprieve_restates(run, text, expected):
    assert [(s.penalty, s.person) for s in run(text).sentences] == expected


@pytest.mark.parametrize("text, expected", [
    ("Wu Di was jailed for 5 years. A second man was jailed for 3 years.", ["Wu Di", None]),
    ("Hu Bo got 6 years in prison. Another official was given 4 years.", ["Hu Bo", None]),
    ("Ma Lin was fined 9,000 yuan. The other suspect was fined 3,000 yuan.", ["Ma Lin", None]),
])
def test_another_person_is_not_the_last_one_named(run, text, expected):
    assert [s.person for s in run(text).sentences] == expected


def test_a_reprieve_with_no_term_written_is_the_laws_two_years_from_the_rule_data(run, monkeypatch):
    from mssnews.recognizers import penalty_rules, penalty_values
    from mssnews.rules.loader import load_patterns

    reprieves = [r for r in load_patterns("sentences") if r["label"] == "REPRIEVE"]
    assert reprieves and all(r["attributes"]["reprieve_years"] == 2 for r in reprieves)
    assert [(s.penalty, s.reprieve_years) for s in run("Bo Yu was sentenced to death with reprieve.").sentences] == \
        [("death_with_reprieve", 2)]
    assert [(s.penalty, s.reprieve_years) for s in run("Bo Yu was sentenced to death with a one-year reprieve.")
            .sentences] == [("death_with_reprieve", 1)]
    changed = tuple(dict(r, attributes={"reprieve_years": 3}) if r["label"] == "REPRIEVE" else r
                    for r in load_patterns("sentences"))
    monkeypatch.setattr(penalty_rules, "load_patterns", lambda name: changed)
    penalty_rules.sentence_rules.cache_clear()
    try:
        assert penalty_values._written_or_law("reprieve-word") == 3
    finally:
        penalty_rules.sentence_rules.cache_clear()


@pytest.mark.parametrize("text, expected", [
    ("A court sentenced an American citizen to life on Monday.", [("life_imprisonment", "sentenced an American citizen to life")]),
    ("The judge sentenced Tom Hale to life for treason.", [("life_imprisonment", "sentenced Tom Hale to life")]),
    ("The citizen was given a life-term sentence.", [("life_imprisonment", "life-term")]),
    ("The court sentenced Li Bo to life imprisonment.", [("life_imprisonment", "life imprisonment")]),  # one, not two
    # "life" as what someone got or was given
    ("Tom Hale got life for treason.", [("life_imprisonment", "got life")]),
    ("Tom Hale was given life on Monday.", [("life_imprisonment", "given life")]),
    ("Li Bo received life, and Wu Dan received 12 years.", [("life_imprisonment", "received life"), ("imprisonment", "12 years")]),
    ("Li Bo received life imprisonment.", [("life_imprisonment", "life imprisonment")]),  # one, not two
])
def test_sentenced_someone_to_life(run, text, expected):
    assert [(s.penalty, s.text) for s in run(text).sentences] == expected


@pytest.mark.parametrize("text, expected", [
    # what a penalty may become is not imposed; what follows it in the clause is
    ("The court sentenced him to death, convertible to life imprisonment after two years, and "
     "deprived him of all his personal property.", ["death_with_reprieve", "confiscation_of_property"]),
    ("His term was reduced to 15 years, and he was fined 9,000 yuan.", ["fine"]),
    ("Xu Ke's sentence was commuted to 12 years.", []),
])
def test_what_a_penalty_becomes_blocks_only_itself(run, text, expected):
    assert [s.penalty for s in run(text).sentences] == expected


@pytest.mark.parametrize("text, amount", [
    ("The state confiscated all of Chen Bo's personal assets, more than 8.3 million yuan.", 8_300_000),
    ("The court confiscated all his personal property worth 2 million yuan.", 2_000_000),
    ("It also confiscated all her assets, totalling 640,000 yuan.", 640_000),
    ("The court confiscated all his personal property. He had 5 million yuan in cash.", None),
])
def test_all_property_with_what_it_came_to(run, text, amount):
    assert [(s.penalty, s.amount) for s in run(text).sentences] == [("confiscation_of_property", amount)]


@pytest.mark.parametrize("text, expected", [
    # supervised release and community service are no prison terms
    ("Smith Lin was sentenced to 5 years in prison and three years of supervised release.", [("imprisonment", 5, 0)]),
    ("The judge ordered Smith Lin to serve three years of supervised release.", []),
    ("He got 46 months in prison, followed by three years of post-release supervision.", [("imprisonment", 0, 46)]),
    ("Lee Ming was sentenced to 240 hours of community service.", []),
    # probation alone is a suspended sentence; the probation of a reprieve is not a sentence
    ("Smith Lin was sentenced to three years of probation.", [("suspended_sentence", 3, 0)]),
    ("Smith Lin received three years' probation.", [("suspended_sentence", 3, 0)]),
    ("The judge gave Smith Lin 18 months of probation.", [("suspended_sentence", 0, 18)]),
    ("After he finishes the two-year probation, his penalty becomes life imprisonment.", []),
])
def test_supervision_and_probation(run, text, expected):
    assert [(s.penalty, s.years, s.months) for s in run(text).sentences if s.penalty != "life_imprisonment"] == expected


@pytest.mark.parametrize("text, expected", [
    # each sum listed after a fine's first is a fine, and "respectively" gives each its person
    ("Lai Bo and Lee Min were fined NT$300,000 and NT$200,000 respectively.",
     [("fine", 300000, "Lai Bo", "NT$300,000"), ("fine", 200000, "Lee Min", "NT$200,000")]),
    ("The two were fined 3 million won and 2 million won, respectively.",
     [("fine", 3000000, None, "3 million won"), ("fine", 2000000, None, "2 million won")]),
    ("Wang Bo was fined 5,000 yuan and confiscated 20,000 yuan.",
     [("fine", 5000, "Wang Bo", "fined 5,000 yuan"), ("confiscation_of_property", 20000, "Wang Bo", "confiscated 20,000 yuan")]),
    # restitution is money, not a fine or a confiscation
    ("The court ordered the forfeiture of $1.5 million and restitution of $200,000.",
     [("confiscation_of_property", 1500000, None, "forfeiture of $1.5 million")]),
    ("Wang Bo was fined $5,000 and ordered to pay restitution of $80,000.",
     [("fine", 5000, "Wang Bo", "fined $5,000")]),
])
def test_sums_listed_after_a_penalty(run, text, expected):
    a = run(text)
    assert [(s.penalty, s.amount, s.person, s.text) for s in a.sentences] == expected
    assert len(a.money) == len({m.amount for m in a.money})


@pytest.mark.parametrize("text, expected", [
    # an appositive between the person and "to" (a term or death beyond it)
    ("The court sentenced Ma Bo, a former employee of a defense institute, to 10 years for espionage.",
     [("imprisonment", 10, "Ma Bo")]),
    ("The court sentenced Tao Jianguo, 52, a former engineer at a state firm in the north, to 10 years.",
     [("imprisonment", 10, "Tao Jianguo")]),
    ("The court sentenced Ma Bo, a former employee of a defense institute, to death for espionage.",
     [("death", None, "Ma Bo")]),
    ("The court sentenced Ma Lin, 54, to death.", [("death", None, "Ma Lin")]),
    # the term before an appeal changed it is a penalty too
    ("Lin Hai's sentence was reduced on appeal to 12 years from 15 years.",
     [("imprisonment", 12, "Lin Hai"), ("imprisonment", 15, "Lin Hai")]),
    ("The High Court reduced Lin Hai's term from 15 years to 12 years.",
     [("imprisonment", 15, "Lin Hai"), ("imprisonment", 12, "Lin Hai")]),
    ("Lin Hai moved from 15 years of service to retirement.", []),
])
def test_appositives_and_appeals(run, text, expected):
    assert [(s.penalty, s.years, s.person) for s in run(text).sentences] == expected


@pytest.mark.parametrize("text, expected", [
    # the far end of a range takes the kind of its near end: "X to Y", "between X and Y"
    ("The court gave the 12 defendants terms ranging from 1 year and 2 months to 5 years.",
     [("imprisonment", 1, 2, "1 year and 2 months"), ("imprisonment", 5, 0, "5 years")]),
    ("Nine others got sentences of 1 year and 6 months to 3 years.",
     [("imprisonment", 1, 6, "1 year and 6 months"), ("imprisonment", 3, 0, "3 years")]),
    ("The others were jailed for between 18 months and four years.",
     [("imprisonment", 0, 18, "18 months"), ("imprisonment", 4, 0, "four years")]),
    ("The seven were handed suspended sentences of 10 months to 2 years.",
     [("suspended_sentence", 0, 10, "10 months"), ("suspended_sentence", 2, 0, "2 years")]),
    # a term after "to" that is no term of a penalty stays none; so does a range no one was given
    ("Ma Bo was jailed for 3 years, and served 2 years to 2021.", [("imprisonment", 3, 0, "3 years")]),
    ("Prosecutors sought 5 years to 7 years for Ma Bo.", []),
    ("Ma Bo, jailed for 3 years, had worked there for 10 years and 2 years before that.",
     [("imprisonment", 3, 0, "3 years")]),
])
def test_both_ends_of_a_range_of_terms(run, text, expected):
    assert [(s.penalty, s.years, s.months, s.text) for s in run(text).sentences] == expected


@pytest.mark.parametrize("text, expected", [
    # "fined A a sum and B a sum": the second sum, after a name, is B's fine too
    ("The court fined Anna Nowak 12,000 zlotys and Piotr Lis 8,000 zlotys.",
     [("fine", 12000, "Anna Nowak"), ("fine", 8000, "Piotr Lis")]),
    ("Lai Bo was fined NT$300,000 and Lee Min NT$200,000.", [("fine", 300000, "Lai Bo"), ("fine", 200000, "Lee Min")]),
    ("Ma Bo was fined 5,000 yuan, and Ma Lin 3,000 yuan.", [("fine", 5000, "Ma Bo"), ("fine", 3000, "Ma Lin")]),
    # a sum of another kind after the name is no fine
    ("Wang Bo was fined 5,000 yuan and Beijing paid 3,000 yuan.", [("fine", 5000, "Wang Bo")]),
    ("Wang Bo was fined 5,000 yuan, and ordered Li Qiang to pay 3,000 yuan.", [("fine", 5000, "Wang Bo")]),
])
def test_a_fine_for_each_person_listed_after_the_first(run, text, expected):
    assert [(s.penalty, s.amount, s.person) for s in run(text).sentences] == expected


@pytest.mark.parametrize("attributes, message", [
    ({"sum_before": "yes"}, "sum_before must be true or false"),
    ({"reprieve_years": "two"}, "reprieve_years must be a number"),
    ({"reprieve_years": True}, "reprieve_years must be a number"),
    ({"penalty": "fine"}, "unknown attribute penalty"),
])
def test_a_sentence_rule_with_a_bad_attribute_is_refused(monkeypatch, attributes, message):
    from mssnews.recognizers import penalty_rules
    from mssnews.rules.loader import RuleError

    recs = ({"label": "FINE", "id": "mine", "pattern": [{"LOWER": "fined"}], "attributes": attributes},)
    monkeypatch.setattr(penalty_rules, "load_patterns", lambda name: recs)
    penalty_rules.sentence_rules.cache_clear()
    try:
        with pytest.raises(RuleError, match=f"sentences.jsonl: rule 'mine': {message}"):
            penalty_rules.sentence_rules()
    finally:
        penalty_rules.sentence_rules.cache_clear()


def test_what_the_flags_of_the_sentence_rules_do(run):
    """Each flag of rules/sentences.jsonl (penalty_rules.SENTENCE_ATTRIBUTES), in a sentence of its own."""
    assert [(s.penalty, s.amount) for s in run("Ma Bo got a 3 million yuan fine.").sentences] == [("fine", 3000000)]
    assert [s.penalty for s in run("The court deprived Ma Bo of all his property.").sentences] == \
        ["confiscation_of_property"]
    assert [s.penalty for s in run("Ma Bo was sentenced to imprisonment for life.").sentences] == ["life_imprisonment"]
    assert [(s.penalty, s.text) for s in run("The court sentenced Ma Bo to life imprisonment.").sentences] == \
        [("life_imprisonment", "life imprisonment")]
    assert [(s.penalty, s.text) for s in run("The court sentenced Ma Bo to life.").sentences] == \
        [("life_imprisonment", "sentenced Ma Bo to life")]


@pytest.mark.parametrize("text, expected", [
    # terms listed after a term of prison: each a term of prison
    ("Lin Bo got prison terms of 10 years, 7 years and 5 years for three counts.", [10, 7, 5]),
    ("Sentences of 10 years and 7 years went to the two men.", [10, 7]),
    ("The court handed down jail terms of six years, four years, and two years.", [6, 4, 2]),
    # ... not a figure after a comma that lists nothing
    ("Lin Bo was sentenced to 10 years, 3 years of which he has served.", [10]),
    ("Lin Bo was sentenced to 10 years and 3 years later was released.", [10]),
])
def test_terms_listed_after_a_prison_term(run, text, expected):
    assert [s.years for s in run(text).sentences if s.penalty == "imprisonment"] == expected


@pytest.mark.parametrize("text, expected", [
    # a list of figures with one unit: a term each, and "respectively" gives each its person
    ("Liang Bo, Xu Fei and Gao Yan were sentenced to 10, 7 and 5 years respectively.",
     [(10, "Liang Bo"), (7, "Xu Fei"), (5, "Gao Yan")]),
    ("The four were jailed for nine, eight, six and three years, respectively.",
     [(9, None), (8, None), (6, None), (3, None)]),
    ("Ma Bo and Ma Lin were sentenced to 12 and 9 years respectively.", [(12, "Ma Bo"), (9, "Ma Lin")]),
])
def test_a_list_of_terms_with_one_unit(run, text, expected):
    a = run(text)
    assert [(s.years, s.person) for s in a.sentences] == expected
    assert len({(s.start, s.end) for s in a.sentences}) <= 1  # (one span: the list as written)


@pytest.mark.parametrize("text, first", [
    ("to 10, 7 and 5 years", "10"), ("to nine, eight and six years", "nine"),
    ("in 2019, 5 and 6 years", "5"),  # a year is no figure of a term
    ("from 5 to 7 years", "5"),  # a range is no list
])
def test_where_a_list_of_terms_begins(text, first):
    from mssnews.pipeline import get_nlp
    from mssnews.recognizers.penalty_values import listed_terms
    from mssnews.rules.matcher import Match
    from mssnews.text import tokens

    doc = get_nlp().make_doc(text)
    tk = tokens(doc)
    pair_start = len(doc) - 4
    m = listed_terms(tk, Match("TERM_PAIR", "term-range-or-pair", pair_start, len(doc)))
    assert (doc[m.start].text, m.end) == (first, len(doc))


@pytest.mark.parametrize("text, expected", [
    # a term followed by ", suspended" (the British and European way of writing it)
    ("Pierre Martin was sentenced to three years, suspended.", [("suspended_sentence", 3, 0)]),
    ("She was sentenced to 18 months' imprisonment, wholly suspended.", [("suspended_sentence", 0, 18)]),
    ("He got 2 years, fully suspended, and a fine of 500 euros.", [("suspended_sentence", 2, 0), ("fine", None, None)]),
    # ... but not a man suspended from his post
    ("Ma Bo was jailed for 3 years, suspended from his post, and fined.", [("imprisonment", 3, 0)]),
])
def test_a_term_then_suspended(run, text, expected):
    assert [(s.penalty, s.years, s.months) for s in run(text).sentences] == expected
