"""People recognizer: text, expected canonical names (in order of first mention)."""
import pytest
from mssnews import analyze

CASES = [
    ("Xu Ning, an 18-year-old exchange student, met a woman who said she was his senior.", ["Xu Ning"]),
    ("A former employee of a state ministry, surnamed Zhang, met a diplomat. Zhang later spied.", ["Zhang"]),
    ("Another man, surnamed Huang, took photos. Huang was paid. The Huangs were later jailed.", ["Huang"]),
    ("Lai Chung-yu (賴重宇) and Lin Wen-cheng were charged.", ["Lai Chung-yu", "Lin Wen-cheng"]),
    ("Discord leaker Jack Teixeira was sentenced. Teixeira apologized to Judge Indira Talwani.",
     ["Jack Teixeira", "Indira Talwani"]),
    ("The Ministry of State Security said Beijing and Hong Kong police acted.", []),
    ("U.S. Attorney Paul J. McNulty said Mr. McNulty's office would appeal.", ["Paul J. McNulty"]),
    ("The jury convicted Jinchao Wei, also known as Patrick Wei, on six counts. Wei will appeal.", ["Jinchao Wei"]),
    ("Suspects caught trying to work with spies\nBy CUI JIA | China Daily | Updated: 2024-12-17 09:18\nText.", ["Cui Jia"]),
    ("Chen Yixin spoke. Chen Wei was jailed. The investigation into Chen found files.", ["Chen Yixin", "Chen Wei"]),
    ("A woman and the diplomat met at the Global Times office in Winter Night.", []),
    ("He accepted 64.6 million Chinese Yuan, said President Xi Jinping.", ["Xi Jinping"]),
    ("Retired Lieutenant General Kuo Ming-te was jailed for life.", ["Kuo Ming-te"]),
    ("Police said. Falun Gong groups and the Thousand Talents Plan were named.", []),
    ("After Zhang returned home, the MSS questioned him.", ["Zhang"]),
    ("Former FBI agent Candace Marie Hollis met Daniel Ortega Ruiz, 44, in Paris.", ["Candace Marie Hollis", "Daniel Ortega Ruiz"]),
    ("Judge T.S. Ellis III sentenced Kevin Mallory.", ["T.S. Ellis III", "Kevin Mallory"]),
    # a run that starts with a hyphenated word at a sentence start (this crashed the finder)
    ("Ex-soldier Hsieh Chia-kang was jailed. Vice-Premier Li Ming spoke.", ["Hsieh Chia-kang", "Li Ming"]),
    ("Zhou Ming was approached by a foreign agent named Jack and a handler named Tom Harper.",
     ["Zhou Ming", "Jack", "Tom Harper"]),
    ("The company named Huawei was cited. He was named Chairman in 2019.", []),
    # "Jun" is a given name after a surname, June elsewhere
    ("BEIJING, Jun 3 (Xinhua) -- The court sentenced Wang Jun to three years. On Jun 4 Guo Jun spoke.",
     ["Wang Jun", "Guo Jun"]),
]


@pytest.mark.parametrize("text,names", CASES)
def test_people(run, text, names):
    assert [p.name for p in run(text).people] == names


def test_person_details(run):
    text = "Xu Ning, an 18-year-old exchange student at a university, was approached. Xu Ning agreed."
    p = run(text).people[0]
    assert (p.name, p.surname, p.surname_only, p.age) == ("Xu Ning", "Xu", False, 18)
    assert p.description == "an 18-year-old exchange student at a university"
    second = text.index("Xu Ning", 1)
    assert second == 74
    assert [(m.start, m.end, m.text) for m in p.mentions] == [(0, 7, "Xu Ning"), (74, 81, "Xu Ning")]


def test_name_parts_skip_a_hyphen_with_nothing_before_it():
    from mssnews.recognizers.people import PeopleFinder

    assert PeopleFinder.parts_of(("-", "Li", "Chung", "-", "yu"), 0, 5) == ["Li", "Chung-yu"]


def test_a_given_name_alone_is_no_surname(run):
    a = run("He met a man named Zhang in 2019 and an agent named \"Jack\". Zhang paid him.")
    assert [(p.name, p.surname, p.surname_only, p.rule, len(p.mentions)) for p in a.people] == [
        ("Zhang", "Zhang", True, "person-named", 2), ("Jack", None, False, "person-named", 1)]


def test_surname_only_person(run):
    p = run("A delivery driver surnamed Fang, 31, was arrested.").people[0]
    assert (p.name, p.surname, p.surname_only, p.rule) == ("Fang", "Fang", True, "person-surnamed")
    assert p.description == "A delivery driver"


def test_family_plural_is_a_mention(run):
    text = "A man surnamed Huang recruited officers. The Huangs were paid NT$1 million."
    a = run(text)
    assert [p.name for p in a.people] == ["Huang"]
    assert [m.text for m in a.people[0].mentions] == ["Huang", "Huangs"]
    assert a.money[0].person == "Huang"


def test_description_before_surnamed_starts_at_the_determiner(run):
    p = run("The ministry said on Sunday that a man surnamed Wang sold documents.").people[0]
    assert (p.name, p.description) == ("Wang", "a man")


def test_title_a_few_words_before_marks_an_official(run):
    a = run("Secretary for Security Chris Tang said so. Assistant Attorney General for National Security "
            "John C. Demers agreed. Retired Major General Hsu Ming was jailed.")
    assert [(p.name, p.role) for p in a.people] == [("Chris Tang", True), ("John C. Demers", True), ("Hsu Ming", False)]


def test_words_never_alone_are_what_classify_rejects():
    """classify() answers None at once for a single capitalised word with no cue that can
    never be a name on its own; its full steps must come to the same answer for each."""
    from mssnews.recognizers.people import PeopleFinder
    from mssnews.pipeline import get_nlp
    from mssnews.text import sent_starts, set_sentence_starts, tokens

    nlp = get_nlp()
    finder = PeopleFinder(nlp.vocab)
    words = ["The", "He", "China", "CNA", "MSS", "President", "Gen.", "Prosecutors", "Zhang", "Lin", "Huang"]
    for w in words:
        doc = set_sentence_starts(nlp.make_doc(f"Reporters said that {w} arrived on Monday."))
        if finder._never_alone(w):
            assert finder._classify(tokens(doc), sent_starts(doc), 3, 4, None) is None, w  # the steps classify skips
    assert [w for w in words if not finder._never_alone(w)] == ["Zhang", "Lin", "Huang"]


@pytest.mark.parametrize("text, names", [
    ("The court in Dresden said Jian G. had passed on data for years.", ["Jian G."]),
    ("Prosecutors said Piotr K., a former officer, met his handler twice.", ["Piotr K."]),
    ("The judge sentenced Anja M. to two years on probation.", ["Anja M."]),
    ("Investigators later met Sotaro Hata in Osaka.", ["Sotaro Hata"]),
    ("The envoy spoke with Annina Kantelinen on Friday.", ["Annina Kantelinen"]),
    ("Officers then questioned Olga Petrova about the drives.", ["Olga Petrova"]),
])
def test_names_with_no_cue_word_from_the_names_dictionary(run, text, names):
    a = run(text)
    assert [p.name for p in a.people] == names
    first = a.people[0].mentions[0]
    assert (first.start, first.end) == (text.index(names[0]), text.index(names[0]) + len(names[0]))


@pytest.mark.parametrize("text", [
    "The suspect flew to Fort Collins, police said.",
    "He rented a flat in Wan Chai, the court heard.",
    "Section B. of the report was kept secret.",
    "Prosecutors said Landmark Communications paid the fees.",
    "The contract went to Apex Solutions and Delta Logistics.",
    "Al Jazeera reported the arrest.",
])
def test_places_companies_and_section_letters_are_not_people(run, text):
    assert [p.name for p in run(text).people] == []


def test_a_word_after_an_opening_quote_at_a_sentence_start_is_stripped_like_one(run):
    a = run('"Considering Liu\'s confession, the court was lenient," the statement said.')
    assert [p.name for p in a.people] == ["Liu"]


@pytest.mark.parametrize("text, names", [
    ("Air National Guardsman Jack Ward was jailed.", ["Jack Ward"]),
    ("Neighbours said Grandpa Zhang had taken the photos.", ["Zhang"]),
    ("Lieutenant Commander Tom Reyes pleaded guilty.", ["Tom Reyes"]),
    ('The court also sentenced Pinzhe "Peter" Zhang, a co-defendant.', ["Pinzhe Zhang"]),
    ('The case against Wang Li, 52, and Liu "Kevin" Bo, 48, went on.', ["Wang Li", "Liu Bo"]),
])
def test_ranks_kin_words_and_nicknames_are_no_part_of_the_name(run, text, names):
    assert [p.name for p in run(text).people] == names


def test_an_editor_credit_is_a_reporter():
    from mssnews import analyze
    [p, q] = analyze("Editor: Li Yan\nThe court jailed Gao Bo for five years.").people
    assert (p.name, p.rule, p.role) == ("Li Yan", "person-editor-credit", True)
    assert (q.name, q.role) == ("Gao Bo", False)


@pytest.mark.parametrize("text, names", [
    ("Dalian, May 29: He Zehua, a former deputy chief, was jailed.", ["He Zehua"]),
    ("He Jiankui was jailed in 2019.", ["He Jiankui"]),
    ("Prosecutors said Long Jianbin sold secrets.", ["Long Jianbin"]),
    ("He Made a deal with the agent.", []),
    ("He Later left for Macao.", []),
    ("He Gave up the files.", []),
])
def test_a_surname_that_is_an_english_word_before_a_pinyin_given_name(run, text, names):
    assert [p.name for p in run(text).people] == names


@pytest.mark.parametrize("text, names", [
    ("Chen Jan was sentenced to three years.", ["Chen Jan"]),
    ("Li May was fined 5,000 yuan.", ["Li May"]),
    ("Wang Jun was jailed.", ["Wang Jun"]),
    ("In May, Chen Bo was jailed.", ["Chen Bo"]),
])
def test_given_names_that_are_month_words(run, text, names):
    assert [p.name for p in run(text).people] == names


@pytest.mark.parametrize("text, name", [
    ("The court sentenced Yaqi X. to two years in prison.", "Yaqi X."),
    ("Prosecutors said Haoran L. had photographed the port.", "Haoran L."),
    ("A woman identified as Mingzhu W. worked at the airport.", "Mingzhu W."),
])
def test_a_pinyin_given_name_and_an_initial_is_a_person(text, name):
    assert [p.name for p in analyze(text).people] == [name]


@pytest.mark.parametrize("text", ["See Section A. for the rules.", "They kept Plan B. secret.",
                                  "The Annex C. lists the files."])
def test_a_word_and_a_letter_is_no_person(text):
    assert analyze(text).people == []


@pytest.mark.parametrize("text", [
    "Hu Lai said the case was rare. A researcher at the Hu Lai Foundation agreed.",
    "Tai Kong chairman jailed. Staff of the Tai Kong Port Group were questioned.",
    "A court in Qiandongnan Miao and Dong autonomous prefecture heard it. Miao officials said Dong was calm.",
])
def test_a_name_the_report_also_gives_an_organisation_or_place_is_no_person(text):
    assert analyze(text).people == []


@pytest.mark.parametrize("text, names", [
    ("Zhang Wei was jailed. The Zhang Family Trust paid the fine.", ["Zhang Wei"]),  # "Trust" alone: not an org word here
    ("A man surnamed Dong was jailed. Dong Group denied it.", ["Dong"]),  # a cue: a person
    ("Sun Hao worked at the Bank of China. Sun Hao was jailed.", ["Sun Hao"]),  # the org word is not after the name
])
def test_org_names_leave_cued_people(text, names):
    assert [p.name for p in analyze(text).people] == names


@pytest.mark.parametrize("text, name, rule", [
    # credits: the name is cut out of what runs on after it, and a surname may be a word
    ("Global Post Editor : Li Yan ECNS App Download", "Li Yan", "person-editor-credit"),
    ("Spy case photos. Photo by Seth Herald/Getty Images", "Seth Herald", "person-photo-by"),
    ("Image courtesy of Anna Baker", "Anna Baker", "person-photo-by"),
    ("The court in Jinan on Sunday. [Wu Hao / Xinhua]", "Wu Hao", "person-slash-agency"),
    ("A hearing in Taipei. Chen Mei/CNA", "Chen Mei", "person-slash-agency"),
    ("Police at the scene. Photo: Kim Lee", "Kim Lee", "person-photo-credit"),
])
def test_credits_name_their_author(text, name, rule):
    [p] = analyze(text).people
    assert (p.name, p.rule, p.role) == (name, rule, True)


@pytest.mark.parametrize("text, names, roles, starts", [
    # a given name of two pinyin syllables before the surname, opening a sentence
    ("Jinchao Wei was convicted of espionage.", ["Jinchao Wei"], [False], [0]),
    ("Haoran Ma, 40, was detained.", ["Haoran Ma"], [False], [0]),
    # ... not an English word that reads as pinyin ("Sentencing" opening a sentence)
    ("Sentencing Liu, the court cited his age.", ["Liu"], [False], [11]),
    # a rank of several words, and the plural of a title before two names
    ("Sgt. 1st Class Joseph Daniel Schmidt was arrested.", ["Joseph Daniel Schmidt"], [False], [15]),
    ("Trial Attorneys Adam Barry and Christine Bonomo are prosecuting the case.",
     ["Adam Barry", "Christine Bonomo"], [True, True], [16, 31]),
])
def test_name_edges_at_ranks_and_sentence_starts(text, names, roles, starts):
    people = analyze(text).people
    assert [(p.name, p.role, p.mentions[0].start) for p in people] == list(zip(names, roles, starts))


@pytest.mark.parametrize("text, name", [
    ("Her brother, identified only as Tan, was jailed.", "Tan"),
    ("The suspect, named as Ahmed Ali, was held.", "Ahmed Ali"),
    ("A woman publicly identified as Mara Ionescu was charged.", "Mara Ionescu"),
])
def test_identified_as_names_a_person(text, name):
    [p] = analyze(text).people
    assert (p.name, p.rule, p.role) == (name, "person-identified-as", False)


@pytest.mark.parametrize("text, names", [
    ("Donald Trump Accuses FBI Of Staging\nDonald Trump said the photos were staged.", ["Donald Trump"]),
    ("Jack Teixeira Pleads Guilty\nJack Teixeira, 22, admitted it.", ["Jack Teixeira"]),
    ("Anna Weber Denies Charges In Court\nAnna Weber told the court she was innocent.", ["Anna Weber"]),
    ("Mary Ann Lee was jailed. Mary Ann Kim said so.", ["Mary Ann Lee", "Mary Ann Kim"]),  # a name part: two people
])
def test_a_headline_run_is_the_name_and_a_word_more(text, names):
    assert [p.name for p in analyze(text).people] == names


@pytest.mark.parametrize("text, names", [
    ("One of the publications, Selected Internal Reference, was sold.", []),
    ("The committee, Combined Security Board, met.", []),
    ("Its newsletter, Restricted Weekly Digest, was seized.", []),
    ("A source, Ahmed Karimi, said so.", ["Ahmed Karimi"]),  # a known given name ending in -ed
])
def test_unknown_words_that_read_as_verb_forms_are_no_name(text, names):
    assert [p.name for p in analyze(text).people] == names


@pytest.mark.parametrize("text, name", [
    ("Several years later, Wan F. A. Jusoh saw it.", "Wan F. A. Jusoh"),
    ("Prosecutor John F. K. Reed said so.", "John F. K. Reed"),
    ("The expert Maria T. L. Santos said so.", "Maria T. L. Santos"),
])
def test_two_initials_inside_a_name(text, name):
    assert [p.name for p in analyze(text).people] == [name]


@pytest.mark.parametrize("text, name, start, end", [
    # particles inside a European name
    ("Club goalkeeper Edwin van der Sar was questioned.", "Edwin van der Sar", 16, 33),
    ("The envoy met Ursula von der Leyen in Brussels.", "Ursula von der Leyen", 14, 34),
    ("Police said Maria da Silva, 41, was charged.", "Maria da Silva", 12, 26),
    ("A letter from Charles de Gaulle was sold.", "Charles de Gaulle", 14, 31),
    # unknown words right after a person noun or a nationality
    ("The court jailed defendant Kaveh Lotfolah for five years.", "Kaveh Lotfolah", 27, 41),
    ("Prosecutors named analyst Obinna Okafor as the buyer.", "Obinna Okafor", 26, 39),
    ("The spy Ndeye Sarr fled to Dakar.", "Ndeye Sarr", 8, 18),
    ("Ethiopian Firehiwot Dado won the race.", "Firehiwot Dado", 10, 24),
    ("The court jailed Estonian Aivar Kuusik for spying.", "Aivar Kuusik", 26, 38),
    ("Police arrested Nigerian Chidubem Eze on Monday.", "Chidubem Eze", 25, 37),
])
def test_names_after_particles_person_nouns_and_nationalities(run, text, name, start, end):
    [p] = run(text).people
    assert (p.name, p.mentions[0].start, p.mentions[0].end) == (name, start, end)


@pytest.mark.parametrize("text, names, starts", [
    # unknown words listed right after a person's full name: a name too
    ("Police arrested Tendai Moyo and Farai Ncube on Friday.", ["Tendai Moyo", "Farai Ncube"], [16, 32]),
    ("Lin Hao, Tendai Moyo, and Farai Ncube were charged.", ["Lin Hao", "Tendai Moyo", "Farai Ncube"], [0, 9, 26]),
    ("The court fined Ada Berg and Kwabena Owusu Ansah in May.", ["Ada Berg", "Kwabena Owusu Ansah"], [16, 29]),
    # ... not a place, an organisation's words or what follows no name
    ("Lin Hao and Hong Kong police met on Friday.", ["Lin Hao"], [0]),
    ("Lin Hao and National Security officials met.", ["Lin Hao"], [0]),
    ("Officers and Tendai Moyo met on Friday.", [], []),
    # given names that share the surname written after the last
    ("Anna and Peter Novak were detained in Prague.", ["Anna Novak", "Peter Novak"], [0, 9]),
    ("Police detained John and Mary Smith of Ohio.", ["John Smith", "Mary Smith"], [16, 25]),
    ("The couple, identified as Anna and Peter Novak, were detained.", ["Anna Novak", "Peter Novak"], [26, 35]),
    # ... not a surname before "and"
    ("Wang and Li Qiang were detained.", ["Wang", "Li Qiang"], [0, 9]),
])
def test_names_given_in_a_list(run, text, names, starts):
    people = run(text).people
    assert [(p.name, p.mentions[0].start) for p in people] == list(zip(names, starts))


@pytest.mark.parametrize("text", [
    "He briefed the official Xinhua News Agency.",           # "official" also comes before things
    "Kenyan Athletics Federation officials met on Monday.",  # a nationality before an organisation
    "The German Bundestag Committee met.",
    "Japanese Foreign Ministry Spokesman Lin spoke.",
    "The van der Waals force holds it.",                     # particles with no name before them
])
def test_nationalities_and_person_nouns_make_no_person_of_a_thing(run, text):
    assert [p.name for p in run(text).people if p.name != "Lin"] == []


def test_nationality_words_are_made_from_country_names():
    from mssnews.rules.namedata import demonyms

    made = demonyms()
    assert {"Kenyan", "Estonian", "Iranian", "Canadian", "Israeli", "Chinese", "Japanese", "Polish", "Turkish",
            "German", "Korean", "British"} <= made
    assert not {"Taiwan", "Kenya", "Sichuan", "The", "Then"} & made


@pytest.mark.parametrize("text, credited", [
    # a name alone in brackets at the end of a caption line is the photographer's credit
    ("Zhou Min was jailed.\nThe court building in Shenyang on May 2 (Taro Yamada)\nMore followed.", "Taro Yamada"),
    ("Zhou Min was jailed.\nPolice outside the court, June 3. (Kim Min-jun)\nMore followed.", "Kim Min-jun"),
    ("Zhou Min was jailed.\nA view of the harbour (Erik Larsen) \nMore followed.", "Erik Larsen"),
])
def test_a_bracketed_name_ending_a_caption_line_is_a_credit(run, text, credited):
    people = {p.name: (p.rule, p.role) for p in run(text).people}
    assert people[credited] == ("person-caption-credit", True)
    assert people["Zhou Min"] == ("person-name", False)


@pytest.mark.parametrize("text, role", [
    ("Kenji Sato, the Japanese ambassador to China, spoke after the verdict.", True),
    ("Lin Hao, a spokesperson for the court, read the ruling.", True),
    ("Li Na, an assistant U.S. attorney, asked for 10 years.", True),
    ("Zhou Yi, the chief prosecutor in the case, spoke.", True),
    ("Ma Lin, a former judge, was jailed for 9 years.", False),   # ex-officials are often the accused
    ("Wu Tao, a former prosecutor, admitted the bribes.", False),
    ("Deng Yu, an engineer at the institute, was jailed.", False),
])
def test_an_appositive_naming_an_office_of_the_case_makes_an_official(run, text, role):
    [p] = run(text).people
    assert p.role is role


@pytest.mark.parametrize("text, people", [
    # a given name that is also a month, before a surname, with its offsets
    ("Jan Kowalski, a Polish citizen, was jailed for eight years.", [("Jan Kowalski", 0, 12)]),
    ("The court jailed Jan Kowalski for eight years.", [("Jan Kowalski", 17, 29)]),
    ("April Wong, a teacher, was fined 500 yuan.", [("April Wong", 0, 10)]),
    ("He was detained in August. May Lin was fined.", [("May Lin", 27, 34)]),
    # ... not where the month is a date
    ("On Jan 5 the court met.", []),
    ("In May Beijing said it would act.", []),
    ("The June Fourth anniversary passed quietly.", []),
])
def test_a_month_that_is_a_given_name_before_a_surname(run, text, people):
    got = run(text).people
    assert [(p.name, p.mentions[0].start, p.mentions[0].end) for p in got] == people
    assert all(p.rule == "person-month-given-name" for p in got)


@pytest.mark.parametrize("text, name, role", [
    # a role title marks an official ...
    ("Minister Li Wei said the spy was convicted of espionage.", "Li Wei", True),
    ("Judge Ann Lee sentenced him on Friday.", "Ann Lee", True),
    # ... unless the office is behind them: the accused of many reports
    ("Former Minister Li Wei was convicted of taking bribes.", "Li Wei", False),
    ("Ex-Mayor Wang Bo was convicted of taking bribes.", "Wang Bo", False),
    ("Retired Judge Ann Lee was jailed for two years.", "Ann Lee", False),
])
def test_a_role_title_makes_an_official_unless_it_is_a_former_one(run, text, name, role):
    [p] = [p for p in run(text).people if p.name == name]
    assert p.role is role


@pytest.mark.parametrize("text, people", [
    # a word or two right before an age between commas is a name, with no other cue
    ("Tanaka, 45, was sentenced to two years.", [("Tanaka", 0, 6, 45, "person-age-after")]),
    ("The court jailed Kowalczyk, 61, for three years.", [("Kowalczyk", 17, 26, 61, "person-age-after")]),
    ("Smith, 29, and Jones, 31, were charged.",
     [("Smith", 0, 5, 29, "person-age-after"), ("Jones", 15, 20, 31, "person-age-after")]),
    # ... a name found without it keeps the rule of any name; a short form stays its person's
    ("Ichiro Tanaka, 45, was sentenced to two years.", [("Ichiro Tanaka", 0, 13, 45, "person-name")]),
    ("Jing Ping Li was charged. Li, 45, was jailed.", [("Jing Ping Li", 0, 12, None, "person-name")]),
    # ... and what is no name stays none
    ("Police, 45, said nothing.", []),
    ("In 2019, 45 people were held.", []),
])
def test_an_age_between_commas_marks_the_words_before_it_as_a_name(run, text, people):
    got = run(text).people
    assert [(p.name, p.mentions[0].start, p.mentions[0].end, p.age, p.rule) for p in got] == people


@pytest.mark.parametrize("text, name", [
    # names with letters beyond ASCII: the name token's shape is read in any script with case,
    # and the names dictionary is read as the UTF-8 it is
    ("Estonian scientist Tarmo Kõuts was sentenced to three years.", "Tarmo Kõuts"),
    ("The court in Munich jailed Jürgen Müller for four years.", "Jürgen Müller"),
    ("Prosecutors said Łukasz Nowak met his handler in Gdańsk.", "Łukasz Nowak"),
    ("Søren Hansen, a Danish diplomat, was expelled.", "Søren Hansen"),
])
def test_names_with_letters_beyond_ascii(run, text, name):
    a = run(text)
    assert [(p.name, p.mentions[0].start, p.mentions[0].end) for p in a.people] == \
        [(name, text.index(name), text.index(name) + len(name))]


def test_the_names_dictionary_is_read_as_utf8():
    from mssnews.rules.namedata import name_lists

    given = name_lists()["given"]
    assert {"Jürgen", "Łukasz", "Søren", "José", "François"} <= given
    assert not any("Ã" in n for n in given)  # (no UTF-8 read as ISO 8859-1)


@pytest.mark.parametrize("text, people", [
    # the words right before an appositive that says who someone is are a name
    ("The court sentenced Ma, a former employee of a defense institute, to 10 years.",
     [("Ma", 20, 22, "person-appositive-after")]),
    ("Kovacs, a Hungarian national, was expelled.", [("Kovacs", 0, 6, "person-appositive-after")]),
    ("Kelly, a former analyst, was charged.", [("Kelly", 0, 5, "person-appositive-after")]),
    # ... a surname found without it keeps its usual rule
    ("Zhong, a former engineer, was charged.", [("Zhong", 0, 5, "person-surname")]),
    # ... and an adverb opening a sentence, or "the national security ...", is no name
    ("Recently, the national security authority met a man.", []),
    ("Earlier, a court official said so.", []),
    ("In Beijing, a court official said the case was closed.", []),
    # the one word right before "was sentenced", "had been arrested" ... is a name, with no
    # full name given first
    ("Smith was sentenced to 30 months in prison on Tuesday.", [("Smith", 0, 5, "person-subject-of-sentencing")]),
    ("Prosecutors said Novak had been arrested in Warsaw.", [("Novak", 17, 22, "person-subject-of-sentencing")]),
    ("In 2019 Tanaka was later detained by police.", [("Tanaka", 8, 14, "person-subject-of-sentencing")]),
    ("Prosecutors said Okafor was extradited to the US.", [("Okafor", 17, 23, "person-subject-of-sentencing")]),
    ("Officials said Kowalczyk was acquitted on appeal.", [("Kowalczyk", 15, 24, "person-subject-of-sentencing")]),
    ("Last year Haddad was convicted of espionage.", [("Haddad", 10, 16, "person-subject-of-sentencing")]),
    ("In May Kovacs was charged under the law.", [("Kovacs", 7, 13, "person-subject-of-sentencing")]),
    ("Okafor had been indicted in Texas.", [("Okafor", 0, 6, "person-subject-of-sentencing")]),
    # ... and the words right before "to" and a term are the one it is given to
    ("The appeals court reduced Wilson to 4 years.", [("Wilson", 26, 32, "person-object-of-sentencing")]),
    ("A judge sentenced Mueller to 26 months in prison.", [("Mueller", 18, 25, "person-object-of-sentencing")]),
    # ... but a pronoun, a company, a country or a number is none
    ("He was sentenced to five years. It was arrested.", []),
    ("The company was fined. Huawei was sentenced. China was detained. Huawei was convicted.", []),
    ("The law raises the maximum from five to 10 years in prison.", []),
])
def test_a_cue_after_a_run_marks_it_as_a_name(run, text, people):
    """The NAME_BEFORE rules of people.jsonl: an appositive, what befalls a person."""
    got = run(text).people
    assert [(p.name, p.mentions[0].start, p.mentions[0].end, p.rule) for p in got] == people


@pytest.mark.parametrize("text, name", [
    # a surname that is also an English word, then a hyphenated given name of the names data
    ("Park Ji-hoon was sentenced to three years.", "Park Ji-hoon"),
    ("The court jailed Park Sung-min, a former officer, for seven years.", "Park Sung-min"),
    ("Prosecutors said Young Seung-ho took 5 million won.", "Young Seung-ho"),
])
def test_a_korean_name_whose_surname_is_a_word(run, text, name):
    got = run(text).people
    assert [(p.name, p.mentions[0].start, p.mentions[0].end) for p in got] == \
        [(name, text.index(name), text.index(name) + len(name))]


@pytest.mark.parametrize("text, starts, item", [
    # a one-word name found by what befalls it is also the same word before that
    ("Judge Mary Collins ordered Smith to pay $25,000 in restitution. Smith was sentenced to 30 months.",
     [27, 64], ("money", 25000)),
    ("Police said Novak took $9,000. Novak was arrested in May.", [12, 31], ("money", 9000)),
    ("Agents watched Kowal for a year. The court sentenced Kowal to 6 years in prison.", [15, 53], ("sentences", None)),
])
def test_a_one_word_name_is_also_its_earlier_mentions(run, text, starts, item):
    a = run(text)
    person = next(p for p in a.people if p.surname_only)
    assert [m.start for m in person.mentions] == starts
    assert all(text[m.start:m.end] == person.name for m in person.mentions)
    kind, amount = item
    assert [x.person for x in getattr(a, kind) if amount is None or x.amount == amount] == [person.name]


@pytest.mark.parametrize("text, people, money", [
    # a currency's code before its sum is no part of the name before it
    ("The court fined Marek Nowak PLN 40,000.", ["Marek Nowak"], [(40000, "PLN", "Marek Nowak")]),
    ("Chen Ming EUR 5,000 was the sum named.", ["Chen Ming"], [(5000, "EUR", "Chen Ming")]),
    ("The court ordered Anna Kowalska HKD 12,000 in costs.", ["Anna Kowalska"], [(12000, "HKD", "Anna Kowalska")]),
    # an ALL-CAPS name of a byline stays a name; a code with no sum after it is not taken off
    ("By CUI JIA in Beijing", ["Cui Jia"], []),
])
def test_a_currency_code_ends_the_name_before_it(run, text, people, money):
    a = run(text)
    assert [p.name for p in a.people] == people
    assert [(m.amount, m.currency, m.person) for m in a.money] == money


@pytest.mark.parametrize("text, people", [
    # a given name that is also a month's short form, after a surname, at a sentence's end too
    ("The court took 5,000 yuan from Wang Jun.", ["Wang Jun"]),
    ("The money went to Li Jun. Li Jun was later jailed.", ["Li Jun"]),
    ("Ma Jun, 45, was jailed.", ["Ma Jun"]),  # a surname that is also a word or short form
    ("The court took 5,000 yuan from Ma Jun.", ["Ma Jun"]),
    # ... but not a date: "Sun Jun 5"
    ("Posted: Sun Jun 5 2022. Police spoke.", []),
    # "Jan" before a surname is a given name after any word ("and Jan Nowak"); the month's
    # short form stands before a day or a year
    ("The court fined Anna Kowalska 12,000 zlotys and Jan Nowak 8,000 zlotys.", ["Anna Kowalska", "Jan Nowak"]),
    ("Police searched the flat of Jan Kowalski in Gdansk.", ["Jan Kowalski"]),
    ("He left on Jan 5 and Jan Nowak stayed.", ["Jan Nowak"]),
    ("He was arrested in Jan 2020 and released.", []),
    # a full month's name after "in" stays the month
    ("In May Chen was jailed.", ["Chen"]),
])
def test_a_given_name_like_a_month_after_a_surname(run, text, people):
    assert [p.name for p in run(text).people] == people


@pytest.mark.parametrize("attributes, message", [
    ({"one_word": "yes"}, "one_word 'yes' is not allowed"),
    ({"side": "left"}, "side 'left' is not allowed"),
    ({"meaning": "name"}, "unknown attribute meaning"),
])
def test_a_people_rule_with_a_bad_attribute_is_refused(monkeypatch, attributes, message):
    from mssnews.recognizers import name_runs
    from mssnews.rules.loader import RuleError

    recs = ({"label": "SURNAMED", "id": "mine", "pattern": [{"LOWER": "surnamed"}], "attributes": attributes},)
    monkeypatch.setattr(name_runs, "load_patterns", lambda name: recs)
    with pytest.raises(RuleError, match=f"people.jsonl: rule 'mine': {message}"):
        name_runs._checked_people_rules()


@pytest.mark.parametrize("text, people", [
    # one_word: only the word after the cue ("surnamed Zhang Wei" is Zhang)
    ("A man surnamed Zhang Wei spoke.", ["Zhang"]),
    # list: every name listed after the cue
    ("The two, last names Yeh and Su, were held.", ["Yeh", "Su"]),
    # given_name_alone: a given name alone after "an agent named"
    ("He met an agent named Jack in Paris.", ["Jack"]),
])
def test_what_the_flags_of_the_name_cues_do(run, text, people):
    assert [p.name for p in run(text).people] == people


@pytest.mark.parametrize("text, people", [
    # "bin", "ibn" inside an Arabic or Malay name, as "van", "de" inside a European one
    ("Sheikh Mohammed bin Rashid spoke.", ["Mohammed bin Rashid"]),
    ("Najib bin Abdul Razak was jailed for 12 years.", ["Najib bin Abdul Razak"]),
    ("The court heard Omar ibn Khalid on Monday.", ["Omar ibn Khalid"]),
    ("He put the files in a bin Monday.", []),
])
def test_particles_of_arabic_and_malay_names(run, text, people):
    assert [p.name for p in run(text).people] == people
