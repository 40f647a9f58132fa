"""Who each item belongs to, and the cases list."""
from hypothesis import given, settings
from hypothesis import strategies as st
import pytest

from mssnews import analyze


def test_pronoun_points_back(run):
    text = ("Another man, surnamed Huang, took photos of warships.\n"
            "He sent nearly 400 photos to the operative and received 40,000 yuan.")
    a = run(text)
    assert a.document_counts[0].person == "Huang"
    assert a.money[0].person == "Huang"


def test_an_unnamed_relative_is_not_the_person_named_before(run):
    """A clause about "his wife" (unnamed) does not belong to the man named earlier in the sentence."""
    a = run("In 2021, Huang Yu, an engineer, was jailed for 16 years; his wife was jailed for 3 years. "
            "Huang Yu was fined 5,000 yuan; his lawyer said he would appeal.")
    assert [(s.years, s.person) for s in a.sentences if s.penalty == "imprisonment"] == [(16, "Huang Yu"), (3, None)]
    assert [m.person for m in a.money] == ["Huang Yu"]
    b = run("Hsieh Ming was sentenced to 18 years; two others got 10 years each.")
    assert [(s.years, s.person) for s in b.sentences] == [(18, "Hsieh Ming"), (10, None)]


@pytest.mark.parametrize("second", [
    "Another former official was sentenced to 5 years.",
    "A second suspect was sentenced to 5 years.",
    "The other defendant got 5 years.",
    "Three former soldiers were jailed for 5 years.",
    "The two men, both engineers, have been sentenced to 5 years.",
    # a relative of someone, unnamed, opening the sentence
    "His wife was sentenced to 5 years.",
    "Her brother got 5 years.",
    "Their driver was jailed for 5 years.",
])
def test_a_sentence_about_someone_not_named_is_not_the_last_persons(run, second):
    a = run("Lin Hao was jailed for 8 years. " + second)
    assert [(s.years, s.person) for s in a.sentences] == [(8, "Lin Hao"), (5, None)]


@pytest.mark.parametrize("second, owner", [
    ("His wife, Wang Li, was sentenced to 5 years.", "Wang Li"),  # the relative is named
    ("He and his wife were sentenced to 5 years.", "Lin Hao"),  # he is one of them
    ("He was sentenced to 5 years, his wife said.", "Lin Hao"),  # the relative opens no sentence
])
def test_a_relative_named_or_not_opening_the_sentence(run, second, owner):
    a = run("Lin Hao was jailed for 8 years. " + second)
    assert [(s.years, s.person) for s in a.sentences] == [(8, "Lin Hao"), (5, owner)]


def test_a_sentence_that_names_no_one_else_is_the_last_persons(run):
    a = run("Lin Hao was jailed for 8 years. He was also fined 5,000 yuan.")
    assert [(s.penalty, s.person) for s in a.sentences] == [("imprisonment", "Lin Hao"), ("fine", "Lin Hao")]


@pytest.mark.parametrize("text, owners", [
    # people listed as the subject share a term
    ("Huang Jie and Wu Fang were each sentenced to seven years.", ["Huang Jie", "Wu Fang"]),
    ("Huang Jie and Wu Fang were sentenced to seven years each.", ["Huang Jie", "Wu Fang"]),
    ("Huang Jie, Wu Fang and Lin Bo were all jailed for seven years.", ["Huang Jie", "Wu Fang", "Lin Bo"]),
    ("Huang Jie and Wu Fang were sentenced to seven years.", ["Huang Jie", "Wu Fang"]),
    # ... a sum only when it is said of each
    ("Huang Jie and Wu Fang were fined 5,000 yuan each.", ["Huang Jie", "Wu Fang"]),
    ("Huang Jie and Wu Fang were both fined 5,000 yuan.", ["Huang Jie", "Wu Fang"]),
    ("Huang Jie and Wu Fang forfeited 505,000 yuan.", ["Huang Jie"]),
    # ... and not where each has a term of their own
    ("Huang Jie and Wu Fang were sentenced to seven and five years respectively.", ["Huang Jie", "Wu Fang"]),
    ("Huang Jie met Wu Fang, who was sentenced to seven years.", ["Wu Fang"]),
])
def test_a_penalty_of_people_listed_together_is_each_ones(run, text, owners):
    assert [s.person for s in run(text).sentences] == owners


@pytest.mark.parametrize("text, expected", [
    # "respectively" with the people named after the figures
    ("The court imposed fines of 5 million won and 3 million won, respectively, on Park Sung-min and Choi Ji-woo.",
     [("fine", 5000000, "Park Sung-min"), ("fine", 3000000, "Choi Ji-woo")]),
    ("Prison terms of 12 and 9 years were handed down to Hu Bin and Dai Ming, respectively.",
     [("imprisonment", 12, "Hu Bin"), ("imprisonment", 9, "Dai Ming")]),
    ("Sentences of 10 years and 7 years went to Tan Wei and Ko Lin respectively.",
     [("imprisonment", 10, "Tan Wei"), ("imprisonment", 7, "Ko Lin")]),
    # ... but the people named before them where there are as many
    ("Tan Wei and Ko Lin got 10 and 7 years respectively, the court told Bo Yan and Hu Jin.",
     [("imprisonment", 10, "Tan Wei"), ("imprisonment", 7, "Ko Lin")]),
])
def test_respectively_with_the_people_after(run, text, expected):
    assert [(s.penalty, s.amount or s.years, s.person) for s in run(text).sentences] == expected


@pytest.mark.parametrize("text, lawyer_is_role, owner", [
    # someone's lawyer speaks for the accused: "he" after the lawyer is still the accused
    ("The court sentenced Zhu Hao to six years. Zhu's lawyer, Deng Min, said he would appeal. "
     "He was also fined 20,000 yuan.", True, "Zhu Hao"),
    ("The court sentenced Zhu Hao to six years. His defence attorney Deng Min spoke. "
     "He was also fined 20,000 yuan.", True, "Zhu Hao"),
    ("The court sentenced Zhu Hao to six years. Their lawyer Deng Min spoke. "
     "He was also fined 20,000 yuan.", True, "Zhu Hao"),
    # ... not a lawyer by trade who is the accused
    ("The court sentenced Zhu Hao to six years. Rights lawyer Deng Min was also fined 20,000 yuan.",
     False, "Deng Min"),
])
def test_someones_lawyer_is_no_subject(run, text, lawyer_is_role, owner):
    a = run(text)
    assert [p.role for p in a.people if p.name == "Deng Min"] == [lawyer_is_role]
    assert [s.person for s in a.sentences if s.penalty == "fine"] == [owner]


def test_conversion_shares_person(run):
    a = run("Sun Hao was paid 5,600 yuan ($773) as a reward.")
    assert [(m.person, m.equivalent_of) for m in a.money] == [("Sun Hao", None), ("Sun Hao", 0)]


def test_lead_sentence_points_forward(run):
    text = ("A former provincial official was sentenced to eight years in prison on Friday.\n"
            "Ai Lan, former vice chairman of a provincial committee, was also fined 3 million yuan.")
    a = run(text)
    assert [(s.penalty, s.person) for s in a.sentences] == [("imprisonment", "Ai Lan"), ("fine", "Ai Lan")]


def test_speaker_is_not_the_subject(run):
    text = ('The jury convicted Wei Jin on Tuesday. Prosecutor John Doe said, "The defendant '
            'sold out his country for $12,000."')
    assert run(text).money[0].person == "Wei Jin"


def test_unlinked_when_nobody_is_named(run):
    a = run("Police issued HK$1 million bounties for overseas activists.")
    assert a.money[0].person is None
    assert a.cases == []


def test_cases_group_items(run):
    text = ("Huang Bo was sentenced to 14 years in prison and fined 40,000 yuan. "
            "Li Na received 5,000 yuan.")
    a = run(text)
    cases = {c.person: c for c in a.cases}
    assert cases["Huang Bo"].sentences == [0, 1]
    assert cases["Huang Bo"].money == [0]
    assert cases["Li Na"].money == [1]
    assert [c.person for c in a.cases] == ["Huang Bo", "Li Na"]


def test_clause_breaks_found_from_their_marks_are_the_regex_matches():
    """The linker finds clause breaks by looking only where one can begin; that must give
    what searching the whole text with the regex gives."""
    import random

    from mssnews.recognizers.clauses import _CLAUSE_BREAK, _clause_break_spans

    rng = random.Random(2)
    pieces = [";", ",", " ", "\n", "but", "while", "whereas", "x", "b", "ut", "whil", "e", "s"]
    texts = ["He paid, but she did not; while they waited, whereas others left. A butler but"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    for text in texts:
        assert _clause_break_spans(text) == [m.span() for m in _CLAUSE_BREAK.finditer(text)], text


SUBJECT_WORDS = ["he", "She", "HIS", "defendant", "ex-official", "former", "official", "spy", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SUBJECT_WORDS), st.text(alphabet="aeHhs-ſK .,'", max_size=6)),
                max_size=8).map("".join))
def test_subject_word_search_is_the_word_set_test(text):
    """The linker asks whether a pronoun or person noun is among the words of a text (runs of
    letters and hyphens, lower-cased) with one regex search; it must agree with the words."""
    import re

    from mssnews.recognizers.clauses import _PERSON_NOUNS, _PRONOUNS, _names_subject

    words = set(map(str.lower, re.findall(r"[A-Za-z-]+", text)))
    assert _names_subject(text) == bool(words & (_PRONOUNS | _PERSON_NOUNS))


@pytest.mark.parametrize("text, expected", [
    ("Lu Bin was sentenced to death. His wife, Tang, was sentenced to five years in prison.",
     [("death", "Lu Bin"), ("imprisonment", "Tang")]),
    ("Lu Bin was jailed for life. His brother-in-law, Tan, was jailed for three years.",
     [("life_imprisonment", "Lu Bin"), ("imprisonment", "Tan")]),
    ("Lu Bin got ten years. The driver, Mo, got two years.", [("imprisonment", "Lu Bin"), ("imprisonment", "Mo")]),
])
def test_a_name_in_apposition_after_a_relative_or_role_is_the_subject(text, expected):
    assert [(s.penalty, s.person) for s in analyze(text).sentences] == expected


@pytest.mark.parametrize("text", [
    "The court sentenced Lai Wen to seven years, Lee Tao to six years and Chen Bo to five years, "
    "with all of them deprived of their civil rights for six years.",
    "Lai Wen was jailed for seven years, Lee Tao for six years and Chen Bo for five years; "
    "each of them was deprived of political rights for six years.",
    "The judge gave Lai Wen seven years in prison, Lee Tao six years in prison and Chen Bo five years in prison, "
    "all three deprived of political rights for six years.",
])
def test_all_of_them_spreads_a_penalty_to_each_person_sentenced(text):
    rights = [s.person for s in analyze(text).sentences if s.penalty == "deprivation_of_political_rights"]
    assert rights == ["Lai Wen", "Lee Tao", "Chen Bo"]


@pytest.mark.parametrize("text, person", [
    ("By Ann Reporter\nA Chinese engineer was sentenced to four years in prison.\nYang Bo, 41, admitted the charges.",
     "Yang Bo"),
    ("A citizen has been sentenced to two years in Germany. Martin D. had offered data to an agent.", "Martin D."),
    ("The chairman of a port company was sentenced to 14 years. Gao Bin took bribes for a decade.", "Gao Bin"),
])
def test_an_unnamed_subject_is_named_in_the_next_sentence_and_a_byline_never_is(text, person):
    [s] = analyze(text).sentences
    assert s.person == person


@pytest.mark.parametrize("text, person", [
    # the only person the report names, three sentences after a lead with an unnamed subject
    ("A former clerk was sentenced to seven years in prison. The court met on Monday. Its ruling is final. "
     "The clerk, Fan Ling, will not appeal.", "Fan Ling"),
    ("An engineer was fined 50,000 yuan. The case was heard in May. Judges read the files for a week. "
     "Wei Dong had worked for the firm.", "Wei Dong"),
    ("A man was jailed for four years. He had no lawyer. The hearing was short. Zhou Lin was 40.", "Zhou Lin"),
])
def test_the_one_person_named_later_is_the_subject_of_the_lead(text, person):
    found = analyze(text)
    assert [x.person for x in found.sentences] == [person]


def test_with_two_people_named_later_the_lead_stays_unlinked():
    text = ("A former clerk was sentenced to seven years in prison. The court met on Monday. Its ruling is final. "
            "Fan Ling and Bo Tian did not appeal.")
    assert [x.person for x in analyze(text).sentences] == [None]


@pytest.mark.parametrize("text, person", [
    ("A U.S. judge sentenced a Chinese national to five years in prison. Prosecutors said Liu Bo, 40, "
     "sold the files.", "Liu Bo"),
    ("A German national was given a one-year suspended sentence. The court said Anke R. had passed on data.",
     "Anke R."),
    ("An Iranian national who lived in Texas was jailed for 30 months. Court papers name him as Reza Amini.",
     "Reza Amini"),
])
def test_a_national_is_the_subject_named_later(text, person):
    assert [x.person for x in analyze(text).sentences] == [person]


def test_national_security_is_no_subject():
    text = "The national security court was told of a five-year term. Ma Jun attended the hearing."
    assert [x.person for x in analyze(text).sentences] == [None]


@pytest.mark.parametrize("text, person", [
    ("The court said 29 million yuan had been taken by Zhao Bin.", "Zhao Bin"),
    ("Bribes of $40,000 were accepted by Tom Reed over two years.", "Tom Reed"),
    ("Property worth 2 million yuan was bought by Lin Tao with the bribes.", "Lin Tao"),
])
def test_a_sum_taken_by_a_person(text, person):
    assert [m.person for m in analyze(text).money] == [person]


@pytest.mark.parametrize("text, person", [
    ("Engineer jailed for spying\nAnn Marsh | ·2-min read\nAn engineer was jailed for nine months. "
     "The court said Gao Lin, 40, had sold data.", "Gao Lin"),
    ("Clerk sentenced\nTom Reid\nA clerk was sentenced to two years. Prosecutors said Wu Dan took bribes.", "Wu Dan"),
    ("Spy jailed\n\nKate Moss · 3 min read\n\nA man was jailed for five years. He was named as Bo Li.", "Bo Li"),
])
def test_a_name_alone_under_the_headline_is_the_author(text, person):
    found = analyze(text)
    assert [x.person for x in found.sentences] == [person]
    author = next(p for p in found.people if p.name != person)
    assert author.role and author.rule == "person-byline"


@pytest.mark.parametrize("text", [
    "Chen Bo took bribes. There was another 5.4 million yuan (US$680,000) in assets that he could not explain.",
    "Wu Li was jailed. A further 2 million yuan (about $280,000) was money she had hidden abroad.",
    "Zhou Kai was fined. Some 300,000 yuan (US$42,000) in cash was found that he kept at home.",
])
def test_a_pronoun_after_a_bracketed_conversion_points_back(text):
    found = analyze(text)
    person = found.people[0].name
    assert [m.person for m in found.money] == [person, person]


@pytest.mark.parametrize("text, owners", [
    # a sum given to "him"/"her" is the one the pronoun points back to, not the giver's
    ("Chen Wei agreed to spy after Fang Ming promised to give him up to 10,000 yuan a month.",
     [("10,000 yuan", 66, "Chen Wei")]),
    ("Prosecutors said Lin Yu-ting took the job, and her handler Kao Wen-chi paid her NT$50,000 [US$1,600] for each report.",
     [("NT$50,000", 80, "Lin Yu-ting"), ("US$1,600", 91, "Lin Yu-ting")]),
    ("Zhou Hong said Wang Jie offered him 20,000 yuan for the files.", [("20,000 yuan", 36, "Zhou Hong")]),
    # with no one given it, the sum stays with the person who paid it
    ("Zhou Hong said Wang Jie paid 20,000 yuan for the files.", [("20,000 yuan", 29, "Wang Jie")]),
])
def test_a_sum_given_to_him_or_her_belongs_to_the_one_given_it(run, text, owners):
    assert [(m.text, m.start, m.person) for m in run(text).money] == owners


@pytest.mark.parametrize("text, sums", [
    ("Lee was fined NT$1 million [US$30,000].", [("NT$1 million", None), ("US$30,000", 0)]),
    ("He got NT$500,000 [about US$15,000] in cash.", [("NT$500,000", None), ("US$15,000", 0)]),
    ("She was paid 80,000 yuan (US$11,000) and 5,000 yuan [US$700].",
     [("80,000 yuan", None), ("US$11,000", 0), ("5,000 yuan", None), ("US$700", 2)]),
])
def test_a_sum_in_square_brackets_after_a_sum_is_its_conversion(run, text, sums):
    assert [(m.text, m.equivalent_of) for m in run(text).money] == sums


@pytest.mark.parametrize("text", [
    "Chen Hao was jailed for life. In Guangdong, 55 major cases each involved more than 1 million yuan.",
    "Chen Hao was jailed for life. The general public lost 2 million yuan to such schemes.",
    "Chen Hao was jailed for life. Across the province, major bribery cases topped 3 million yuan.",
])
def test_major_and_general_as_adjectives_point_back_to_no_one(run, text):
    assert [m.person for m in run(text).money] == [None]


@pytest.mark.parametrize("text, owner", [
    # the report's own lead: its unnamed subject is the first person named in the next three sentences
    ("A former port chairman was sentenced to 14 years for bribery. President Xi Jinping has led a campaign "
     "against graft. Since 2002 Gao Bin, the port's party secretary, took bribes.", "Gao Bin"),
    ("An aide to a lawmaker was jailed for nearly five years. The case has worried officials across Europe. "
     "The court identified the accused as Jian G., a German national.", "Jian G."),
    ("A man was sentenced to 14 months in jail. Police patrolled outside. Crowds gathered early. "
     "Chu Kai-wing had posted the messages online.", "Chu Kai-wing"),
    # not in a report of several cases, where the next name may be another case's
    ("The ministry disclosed three cases. A former official was sentenced to death. One of the cases "
     "involved a student. Xiao Wen, 18, was approached by a woman. Li Jun, her teacher, was questioned.", None),
    ("A former official was sentenced to death, one of several cases the ministry disclosed. Officials "
     "warned the public. Xiao Wen, 18, was approached by a woman. Li Jun, her teacher, was questioned.", None),
    # a later sentence that names two people does not say which of them
    ("A former clerk was sentenced to seven years in prison. The court met on Monday. "
     "Fan Ling and Bo Tian did not appeal.", None),
])
def test_a_reports_lead_subject_is_the_first_person_named_soon_after(run, text, owner):
    a = run(text)
    terms = [s for s in a.sentences if s.penalty in ("imprisonment", "death")]
    assert [s.person for s in terms] == [owner]


@pytest.mark.parametrize("text, expected", [
    # one list of figures for as many people listed before it: each its own, in order
    ("Two accomplices, Ye Ming and Tao Li, were given 12 and 10 years.", [(12, "Ye Ming"), (10, "Tao Li")]),
    ("Ye Ming and Tao Li were jailed for 12 and 10 years.", [(12, "Ye Ming"), (10, "Tao Li")]),
    ("Ye Ming, Tao Li and Fu Bo got 9, 7 and 5 years.", [(9, "Ye Ming"), (7, "Tao Li"), (5, "Fu Bo")]),
    # ... but one person's two terms stay theirs
    ("Ma Bo was sentenced to 8 and 6 years on two counts.", [(8, "Ma Bo"), (6, "Ma Bo")]),
])
def test_a_list_of_figures_for_a_list_of_people(text, expected):
    assert [(s.years, s.person) for s in analyze(text).sentences] == expected


@pytest.mark.parametrize("text, expected", [
    # others that the person's verb names, and the fact is theirs, not the person's
    ("A court jailed a man surnamed Lu for 10 years. Lu had recruited two other officers, who each received 5 years.",
     [(10, "Lu"), (5, None)]),
    ("Lu Ming hired three other men, who got 4 years.", [(4, None)]),
    # ... but others listed with the person share the person's fact
    ("Lu Ming and his wife were jailed for 5 years.", [(5, "Lu Ming")]),
    ("Lu Ming, his wife and two others were jailed for 5 years.", [(5, "Lu Ming")]),
])
def test_a_fact_of_others_a_persons_verb_names(text, expected):
    assert [(s.years, s.person) for s in analyze(text).sentences] == expected
