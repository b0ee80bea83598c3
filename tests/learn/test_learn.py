import dataclasses
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test.html import Element, parse_html
from django.urls import reverse

from core.nutrition import ELEMENTAL_PERCENT
from learn.content import EVIDENCE, FORMULAS, INDEX, PAGES, SOURCES, Claim, Section
from learn.views import TOP_FOODS, supplement_forms
from tests.factories import make_food, make_portion, make_profile

URL_NAMES = ["learn:index", *(f"learn:{slug}" for slug in PAGES)]
DISCLAIMER = "Education, not medical advice"
CKD_NOTICE_TITLE = "Kidney disease: ask your clinician"


# --- reading rendered pages -------------------------------------------------------------------


def classes(element: Element) -> list[str]:
    return dict(element.attributes).get("class", "").split()


def descendants(node):
    for child in node.children:
        if isinstance(child, Element):
            yield child
            yield from descendants(child)


def text(node) -> str:
    if isinstance(node, str):
        return node
    return " ".join(text(child) for child in node.children)


def find_all(node, name: str, css_class: str | None = None) -> list[Element]:
    return [
        element
        for element in descendants(node)
        if element.name == name and (css_class is None or css_class in classes(element))
    ]


BLOCKS = {"p", "li", "h1", "h2", "h3", "td", "th", "dt", "dd", "caption", "div", "section", "nav"}


def text_blocks(node, blocks=None) -> list[str]:
    """The page's visible text as blocks (paragraphs, cells, ...); the evidence badge is a block of
    its own, so its words ("lab", "animal") never excuse the sentence beside it. The list of sources
    is left out: it holds the titles of other people's papers, not our sentences."""
    if blocks is None:
        blocks = [""]
    for child in node.children:
        if isinstance(child, str):
            blocks[-1] += " " + child
        elif child.name in {"head", "script", "style"} or "sources" in classes(child):
            continue
        elif child.name in BLOCKS or "evidence" in classes(child):
            blocks.append("")
            text_blocks(child, blocks)
            blocks.append("")
        else:
            text_blocks(child, blocks)
    return [" ".join(block.split()) for block in blocks if block.strip()]


def sentences(blocks: list[str]) -> list[str]:
    """Sentences and clauses: split after . ! ? and ; so a negation elsewhere cannot excuse a clause."""
    return [part for block in blocks for part in re.split(r"(?<=[.!?;])\s+", block) if part.strip()]


# --- the red lines of CONTENT.md as checks on sentences -----------------------------------------

NEGATION = re.compile(
    r"\b(no|not|never|none|nor|cannot|neither|unknown|unproven|unclear|nothing)\b|n't\b", re.I
)
NOT_IN_PEOPLE = re.compile(
    r"\b(animals?|rats?|mice|mouse|cells?|dish|lab|laboratory|in vitro|test tubes?)\b", re.I
)


@dataclasses.dataclass
class Rule:
    name: str
    pattern: str
    context: str = ""  # the rule applies only to sentences that also match this
    excused_by: tuple[re.Pattern, ...] = ()  # a sentence matching one of these is allowed


RULES = (
    Rule(
        "reversal", r"\b(revers\w*|dissolv\w*|undo\w*|undid|melts?)\b", excused_by=(NEGATION, NOT_IN_PEOPLE)
    ),
    Rule("cleans arteries", r"\bclean(s|se|ses|sed|sing)?\b(\s+\w+){0,2}\s+arter"),
    Rule(
        "dose advice",
        r"\b(take|taking|use|try|need)\b[^.;]{0,40}?\d[\d,.]*\s?(mg|milligrams?|µg|mcg|micrograms?|ug|iu|mmol|g)\b",
    ),
    Rule(
        "dose advice",
        r"\b(recommended|suggested|ideal|optimal|right|best|safe) (daily )?(dose|dosage|amount)\b",
        excused_by=(NEGATION,),
    ),
    Rule(
        "prevents or slows calcification or disease",
        r"\b(prevent\w*|slow\w*|halt\w*|stop\w*|protect\w*|reduc\w*)\b[^.;]{0,60}"
        r"\b(calcif\w*|heart disease|kidney disease|CKD|progression)",
        excused_by=(NEGATION, NOT_IN_PEOPLE),
    ),
    Rule("natural, so safe", r"\bnatural\b.{0,30}\bsafe\b"),
    Rule(
        "vitamin K with warfarin",
        r"\b(safe|fine|ok|okay|compatible|no interaction)\b",
        context=r"warfarin|vitamin K antagonist",
    ),
    Rule(
        "food as a phosphate binder",
        r"\bbinders?\b|\bbind(s|ing)? phosphate",
        context=r"\b(food|diet\w*)\b",
        excused_by=(NEGATION,),
    ),
    Rule("gatekeeper as fact", r"gatekeeper", excused_by=(NEGATION, re.compile("metaphor"))),
    Rule(
        "encouragement to eat or take more",
        r"\b(eat|eating|have|add|get|getting|take|taking) more\b|\bboost\w*|\bincrease your\b"
        r"|\bclose (the|your) gap\b|\bload up\b|\b(great|excellent|fantastic) sources?\b|\bsuperfoods?\b",
    ),
    Rule(
        "causal wording from observational data",
        r"\b(prevent\w*|protect\w*|caus\w*|lowers|reduces)\b",
        context=r"framingham|observational|associat\w*",
        excused_by=(NEGATION,),
    ),
    Rule(
        "a lab marker as a health outcome",
        r"\b(fewer|less|lower|reduc\w*|prevent\w*)\b[^.;]{0,30}"
        r"\b(heart attacks?|deaths?|events|mortality|strokes?)\b",
        context=r"\bT50\b|marker",
        excused_by=(NEGATION,),
    ),
    Rule(
        "magnesium instead of vitamin D treatment",
        r"\b(skip\w*|stop\w*|instead|replac\w*|substitut\w*|fix\w*)\b",
        context=r"vitamin D",
        excused_by=(NEGATION,),
    ),
    Rule("proven", r"\bprov(en|es?)\b", excused_by=(NEGATION,)),
    # Issue 13: the content audit's corrections, so that an old sentence cannot come back.
    Rule("Framingham's score as odds", r"\bodds\b", context=r"\b50 mg\b|coronary calcium score"),
    Rule(
        "the gatekeeper image as a researcher's finding",
        r"sends? calcium to bone",
        excused_by=(re.compile(r"popular claim", re.I),),
    ),
    Rule(
        "avocado as a rich source",
        r"\bavocados?\b",
        context=r"most magnesium|\brich\b|good source|high in",
        excused_by=(re.compile(r"\bmodest\b", re.I),),
    ),
    Rule(
        "better absorption of some forms stated as fact",
        r"\b(absorb\w*)\b[^.;]{0,60}\bcitrate\b|\bcitrate\b[^.;]{0,80}\babsorb\w*",
        excused_by=(re.compile(r"small studies suggest", re.I),),
    ),
    Rule(
        "dialysate advice",
        r"\b(should|ask for|request|switch|choose)\b",
        context=r"dialys\w* fluid|dialysate",
    ),
)


def red_line_violations(sentence_list: list[str]) -> list[tuple[str, str]]:
    found = []
    for sentence in sentence_list:
        for rule in RULES:
            if rule.context and not re.search(rule.context, sentence, re.I):
                continue
            if not re.search(rule.pattern, sentence, re.I):
                continue
            if any(excuse.search(sentence) for excuse in rule.excused_by):
                continue
            found.append((rule.name, sentence))
    return found


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def ckd_client(client, user):
    make_profile(user, has_ckd=True)
    client.force_login(user)
    return client


@pytest.fixture
def healthy_client(client, user):
    make_profile(user, has_ckd=False)
    client.force_login(user)
    return client


def get_page(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return response.content.decode()


def main_of(html: str) -> Element:
    (main,) = find_all(parse_html(html), "main")
    return main


# --- every page -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", URL_NAMES)
def test_learning_page_is_open_to_anonymous_visitors_with_disclaimer_near_the_top(client, url_name):
    html = get_page(client, url_name)
    main = html[html.index("<main") : html.index("</main>")]

    assert DISCLAIMER in main  # in the page itself, not only in the footer
    assert main.index(DISCLAIMER) < main.index("<h2")
    assert CKD_NOTICE_TITLE not in html


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", URL_NAMES)
def test_every_claim_shows_its_evidence_level_and_cites_a_listed_source(client, url_name):
    main = main_of(get_page(client, url_name))
    claims = find_all(main, "p", "claim")
    listed = {dict(li.attributes)["id"] for li in find_all(main, "li") if dict(li.attributes).get("id")}

    page = PAGES.get(url_name.removeprefix("learn:"), INDEX)
    assert len(claims) == len(page.claims) > 0
    for claim in claims:
        level = dict(claim.attributes)["data-evidence"]
        badge = find_all(claim, "span", "evidence")
        assert level in EVIDENCE
        assert [text(span).strip() for span in badge] == [f"Evidence: {EVIDENCE[level][0]}"]
        links = [dict(a.attributes)["href"] for cite in find_all(claim, "cite") for a in find_all(cite, "a")]
        assert links, text(claim)
        assert all(link.startswith("#") and link[1:] in listed for link in links), links


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", URL_NAMES)
def test_sources_list_each_cited_source_once_with_its_link(client, url_name):
    main = main_of(get_page(client, url_name))
    (sources,) = [section for section in find_all(main, "section") if "sources" in classes(section)]
    items = find_all(sources, "li")
    keys = [dict(li.attributes)["id"].removeprefix("source-") for li in items]

    assert keys and len(keys) == len(set(keys))
    for key, item in zip(keys, items, strict=True):
        assert SOURCES[key].published in text(item)
        if SOURCES[key].url:
            assert [dict(a.attributes)["href"] for a in find_all(item, "a")] == [SOURCES[key].url]


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", URL_NAMES)
@pytest.mark.parametrize("reader", ["anonymous", "ckd"])
def test_no_page_crosses_a_red_line(client, user, url_name, reader):
    if reader == "ckd":
        make_profile(user, has_ckd=True)
        client.force_login(user)
    food = make_food()
    make_portion(food)

    blocks = text_blocks(main_of(get_page(client, url_name)))

    assert len(blocks) > 5
    assert red_line_violations(sentences(blocks)) == []


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", URL_NAMES)
def test_ckd_user_sees_the_ckd_notice_on_every_learning_page(ckd_client, url_name):
    html = get_page(ckd_client, url_name)

    assert html.count(CKD_NOTICE_TITLE) == 1
    assert "notice-ckd" in html


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", URL_NAMES)
def test_user_without_ckd_sees_no_ckd_notice(healthy_client, url_name):
    assert CKD_NOTICE_TITLE not in get_page(healthy_client, url_name)


def test_unknown_learning_page_is_404(client):
    assert client.get("/learn/nothing-here/").status_code == 404


@pytest.mark.django_db
def test_nav_links_to_the_learning_pages(client):
    assert f'href="{reverse("learn:index")}"' in client.get(reverse("foods:list")).content.decode()


@pytest.mark.django_db
def test_index_lists_every_learning_page(client):
    html = get_page(client, "learn:index")

    for slug, page in PAGES.items():
        assert f'href="{reverse(f"learn:{slug}")}"' in html
        assert page.title in html


# --- the red-line check can fail ----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Magnesium reverses calcification in your arteries.",
        "Vitamin K2 dissolves the calcium in artery walls.",
        "Magnesium cleans your arteries.",
        "Take 400 mg of magnesium a day.",
        "For kidney health, try 250 mg of magnesium citrate.",
        "The recommended dose is 300 mg.",
        "Magnesium supplements prevent calcification.",
        "Supplements slow the progression of CKD.",
        "It is natural, so it is safe.",
        "Vitamin K2 is fine with warfarin.",
        "Magnesium from food works as a phosphate binder.",
        "Magnesium is the body's calcium gatekeeper.",
        "Eat more nuts and seeds.",
        "Spinach is a great source of magnesium.",
        "Pumpkin seeds are a superfood.",
        "The Framingham study shows magnesium prevents calcification.",
        "A better T50 means fewer heart attacks.",
        "Magnesium activates vitamin D, so you can skip your vitamin D treatment.",
        "Vitamin K2 is proven to prevent calcification.",
        "Ask for a higher magnesium dialysate.",
        "No trial was negative; magnesium reverses calcification.",
        # the sentences issue 13 corrected, as they were
        "Each 50 mg a day more magnesium went with 22% lower odds of coronary artery calcium.",
        "Magnesium is sometimes called a calcium “gatekeeper” that sends calcium to bone instead of "
        "arteries, but that is a metaphor, not an established fact.",
        "The foods with the most magnesium are mostly nuts and seeds, legumes, whole grains, leafy green "
        "vegetables, avocado and dark chocolate.",
        "The body absorbs the citrate, chloride, lactate and aspartate forms more completely than "
        "magnesium oxide or sulfate.",
    ],
)
def test_red_line_check_flags_a_bad_sentence(sentence):
    assert red_line_violations(sentences([sentence]))


@pytest.mark.parametrize(
    "sentence",
    [
        "No study in people has shown magnesium reversing calcification.",
        "In rats, extra magnesium reduced calcification that had already formed.",
        "Supplement trials have not consistently slowed calcification.",
        "Whether raising T50 leads to fewer deaths is unknown.",
        "Magnesium is called a gatekeeper, but that is a metaphor.",
        "No study has shown that the magnesium in food binds phosphate.",
        # the corrected sentences of issue 13
        "Each 50 mg a day more magnesium went with a 22% lower coronary calcium score.",
        "The image of a calcium “gatekeeper” that sends calcium to bone instead of arteries is a popular "
        "claim, not theirs; it is a metaphor, not an established fact.",
        "Avocado is only a modest source.",
        "Small studies suggest that the body absorbs the citrate, chloride, lactate and aspartate forms "
        "more completely than magnesium oxide or sulfate.",
    ],
)
def test_red_line_check_accepts_a_negated_or_qualified_sentence(sentence):
    assert red_line_violations(sentences([sentence])) == []


def test_badge_words_do_not_excuse_the_sentence_beside_them():
    claim = parse_html(
        '<p class="claim"><span class="evidence">Evidence: animal studies</span> '
        "Magnesium reverses calcification in people.</p>"
    )
    assert red_line_violations(sentences(text_blocks(claim)))


@pytest.mark.django_db
def test_red_line_check_catches_a_bad_claim_planted_in_a_page(client, monkeypatch):
    page = PAGES["mechanisms"]
    planted = Section(
        "planted", "Planted", claims=(Claim("Magnesium dissolves plaque in people.", "trial", ("magical",)),)
    )
    monkeypatch.setitem(PAGES, "mechanisms", dataclasses.replace(page, sections=(*page.sections, planted)))

    found = red_line_violations(sentences(text_blocks(main_of(get_page(client, "learn:mechanisms")))))

    assert found == [("reversal", "Magnesium dissolves plaque in people.")]


# --- content as data ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "evidence, cites",
    [("trial", ()), ("hearsay", ("magical",)), ("trial", ("no-such-source",))],
)
def test_claim_without_known_evidence_level_or_source_is_refused(evidence, cites):
    with pytest.raises(ValueError):
        Claim("Some statement.", evidence, cites)


def test_every_source_is_cited_somewhere():
    cited = {key for page in (INDEX, *PAGES.values()) for claim in page.claims for key in claim.cites}
    assert set(SOURCES) - cited == set()


# CONTENT.md marks the volume or pages of these as unverified: they are cited without them.
@pytest.mark.parametrize(
    "key", ["iseri1984", "diaztocados2017", "montezano2010", "terbraake2020", "terbraake2022", "kdoqi2020"]
)
def test_unverified_pages_are_not_cited(key):
    assert ":" not in SOURCES[key].published


# Atomic weights (IUPAC, abridged) and the atoms in each formula the supplements page shows.
ATOMIC_WEIGHT = {"Mg": 24.305, "O": 15.999, "H": 1.008, "C": 12.011, "Cl": 35.45, "S": 32.06, "N": 14.007}
ATOMS = {
    "MgO": {"Mg": 1, "O": 1},
    "Mg(OH)₂": {"Mg": 1, "O": 2, "H": 2},
    "MgCO₃": {"Mg": 1, "C": 1, "O": 3},
    "MgCl₂": {"Mg": 1, "Cl": 2},
    "MgCl₂·6H₂O": {"Mg": 1, "Cl": 2, "H": 12, "O": 6},
    "MgSO₄": {"Mg": 1, "S": 1, "O": 4},
    "MgSO₄·7H₂O": {"Mg": 1, "S": 1, "O": 11, "H": 14},
    "Mg₃(C₆H₅O₇)₂": {"Mg": 3, "C": 12, "H": 10, "O": 14},
    "MgC₄H₄O₅": {"Mg": 1, "C": 4, "H": 4, "O": 5},
    "Mg(C₂H₄NO₂)₂": {"Mg": 1, "C": 4, "H": 8, "N": 2, "O": 4},
    "Mg(C₃H₅O₃)₂": {"Mg": 1, "C": 6, "H": 10, "O": 6},
    "Mg(C₄H₆NO₄)₂": {"Mg": 1, "C": 8, "H": 12, "N": 2, "O": 8},
}


@pytest.mark.parametrize("compound, formula, percent", supplement_forms())
def test_elemental_share_of_each_compound_matches_its_formula(compound, formula, percent):
    atoms = ATOMS[formula]
    weight = sum(ATOMIC_WEIGHT[element] * count for element, count in atoms.items())
    assert percent == Decimal(f"{100 * ATOMIC_WEIGHT['Mg'] * atoms['Mg'] / weight:.1f}")


def test_every_compound_with_a_known_share_has_a_formula_to_show():
    assert set(FORMULAS) == set(ELEMENTAL_PERCENT)


@pytest.mark.django_db
def test_supplements_page_states_the_upper_limits_and_the_interactions(client):
    page = " ".join(text_blocks(main_of(get_page(client, "learn:supplements"))))

    for fact in ["350 mg a day", "65 mg a day at 1 to 3 years", "110 mg a day at 4 to 8 years", "not count"]:
        assert fact in page
    for drug in [
        "bisphosphonates",
        "tetracycline",
        "quinolone",
        "diuretics",
        "Proton pump inhibitors",
        "binders",
    ]:
        assert drug in page


@pytest.mark.django_db
def test_kidney_page_covers_the_seven_points_of_the_ckd_prompt(client):
    page = " ".join(text_blocks(main_of(get_page(client, "learn:kidney"))))

    points = [
        ["hypermagnesaemia", "irregular heartbeat", "laxatives", "enemas", "food alone rarely"],
        ["magnesium, vitamin K, vitamin D or calcium supplement", "more serious adverse events", "warfarin"],
        ["also high in potassium, phosphorus or both"],
        ["phytate", "processed foods", "vegetarian diet"],
        ["high blood potassium", "differs from person to person"],
        ["nephrologist or renal dietitian", "own magnesium, potassium and phosphorus targets"],
        [
            "bisphosphonates",
            "antibiotics",
            "diuretics",
            "Proton pump inhibitors",
            "binders that contain magnesium",
        ],
    ]
    for point in points:
        for phrase in point:
            assert phrase in page


# --- the foods pages read the database ----------------------------------------------------------


def table_rows(html: str, section_slug: str) -> list[Element]:
    """The body rows of the table in the page section with this slug."""
    (section,) = [
        section
        for section in find_all(main_of(html), "section")
        if dict(section.attributes).get("aria-labelledby") == f"{section_slug}-title"
    ]
    (table,) = find_all(section, "table")
    (body,) = find_all(table, "tbody")
    return find_all(body, "tr")


def table_head(html: str, section_slug: str) -> str:
    (section,) = [
        section
        for section in find_all(main_of(html), "section")
        if dict(section.attributes).get("aria-labelledby") == f"{section_slug}-title"
    ]
    return " ".join(text(head) for head in find_all(section, "thead"))


def top_food_names(client) -> list[str]:
    return [text(find_all(row, "a")[0]).strip() for row in table_rows(get_page(client, "learn:foods"), "top")]


@pytest.mark.django_db
def test_foods_page_ranks_foods_by_magnesium_in_their_reference_amount(client, other_user):
    seeds = make_food("Seeds", magnesium_mg=Decimal("500"))  # 150 mg in 30 g
    make_portion(seeds, "1 oz", "28.35")
    make_portion(seeds, "1 cup", "129")  # no portion counts
    beans = make_food("Beans, cooked", category="Legumes and Legume Products", magnesium_mg=Decimal("70"))
    make_portion(beans, "1 cup", "250")  # 175 mg in the cup, but 63 mg in 90 g
    make_portion(
        make_food("Spices, basil", category="Spices and Herbs", magnesium_mg=Decimal("900")), "1 tsp", "1"
    )
    make_portion(make_food("Unknown magnesium", magnesium_mg=None), "1 cup", "100")
    make_portion(make_food("Archived", magnesium_mg=Decimal("900"), is_active=False), "1 cup", "100")
    make_portion(
        make_food("Someone's own", magnesium_mg=Decimal("900"), created_by=other_user), "1 cup", "100"
    )

    assert top_food_names(client) == ["Seeds", "Beans, cooked"]  # spices: no reference amount
    seeds_row, beans_row = (text(row) for row in table_rows(get_page(client, "learn:foods"), "top"))
    assert "150 mg in the reference amount, 30 g (nuts, seeds)" in seeds_row
    assert "63 mg in the reference amount, 90 g (cooked beans, peas, lentils)" in beans_row
    assert "1 cup (250 g)" in beans_row and "175 mg" in beans_row  # the first portion is still shown


@pytest.mark.django_db
def test_a_food_added_to_the_database_appears_on_the_foods_page(client):
    make_portion(make_food("Beans", magnesium_mg=Decimal("70")), "1 cup", "172")
    assert top_food_names(client) == ["Beans"]

    make_portion(make_food("Newly curated seeds", magnesium_mg=Decimal("600")), "1 oz", "28.35")

    assert top_food_names(client) == ["Newly curated seeds", "Beans"]


@pytest.mark.django_db
def test_foods_page_shows_the_top_foods_only(client):
    for rank in range(TOP_FOODS + 1):
        make_portion(make_food(f"Food {rank:02}", magnesium_mg=Decimal(100 + rank)), "100 g", "100")

    names = top_food_names(client)

    assert len(names) == TOP_FOODS
    assert names[0] == f"Food {TOP_FOODS:02}"
    assert "Food 00" not in names


@pytest.mark.django_db
def test_foods_page_shows_phosphorus_and_potassium_to_ckd_users_only(client, user):
    make_portion(make_food(phosphorus_mg=Decimal("1000"), potassium_mg=Decimal("800")), "1 cup", "100")
    head = table_head(get_page(client, "learn:foods"), "top")
    assert "Magnesium" in head and "Potassium" not in head and "Phosphorus" not in head

    make_profile(user, has_ckd=True)
    client.force_login(user)
    html = get_page(client, "learn:foods")
    (row,) = table_rows(html, "top")

    assert "Phosphorus" in table_head(html, "top") and "Potassium" in table_head(html, "top")
    assert "1,000 mg" in text(row) and "800 mg" in text(row)
    assert "not a suggestion to eat these foods" in html


@pytest.mark.django_db
def test_foods_page_says_so_when_no_food_qualifies(client):
    assert "no foods with a magnesium value and a reference amount yet" in get_page(client, "learn:foods")


@pytest.mark.django_db
def test_kidney_page_shows_usda_values_of_the_example_foods(client):
    make_food("Nuts, almonds", source_id="12061", magnesium_mg=Decimal("270"), phosphorus_mg=Decimal("481"))
    make_food("Spinach, cooked, boiled", source_id="11458", magnesium_mg=Decimal("87"))
    make_food("Not an example", source_id="99999")

    html = get_page(client, "learn:kidney")
    rows = [text(row) for row in table_rows(html, "potassium-phosphorus")]

    assert "Phosphorus" in table_head(html, "potassium-phosphorus")  # for every reader of this page
    assert len(rows) == 2
    assert "Nuts, almonds" in rows[0] and "270 mg/100 g" in rows[0] and "481 mg/100 g" in rows[0]
    assert "Spinach" in rows[1]


# --- query counts ---------------------------------------------------------------------------


def add_foods(count: int):
    for number in range(count):
        food = make_food(f"Food {number}", magnesium_mg=Decimal(50 + number), source_id=f"{number:05}")
        make_portion(food, "1 cup", "100")
        make_portion(food, "1 oz", "28.35")


# Anonymous: no query but the food lists (one each). Logged in: session, user and profile too.
QUERIES = {"learn:foods": 1, "learn:kidney": 1}


@pytest.mark.django_db
@pytest.mark.parametrize("foods", [1, 30])
@pytest.mark.parametrize("url_name", URL_NAMES)
def test_query_count_is_constant_for_anonymous_visitors(client, django_assert_num_queries, url_name, foods):
    add_foods(foods)
    with django_assert_num_queries(QUERIES.get(url_name, 0)):
        get_page(client, url_name)


@pytest.mark.django_db
@pytest.mark.parametrize("foods", [1, 30])
@pytest.mark.parametrize("url_name", URL_NAMES)
def test_query_count_is_constant_for_ckd_users(ckd_client, django_assert_num_queries, url_name, foods):
    add_foods(foods)
    with django_assert_num_queries(2 + QUERIES.get(url_name, 0)):  # session, user and profile
        get_page(ckd_client, url_name)


@pytest.mark.django_db
def test_foods_in_the_list_are_links_to_their_pages(client):
    food = make_food("Seeds")
    make_portion(food)

    assert f'href="{food.get_absolute_url()}"' in get_page(client, "learn:foods")


def test_stylesheet_braces_balance():
    """A stray closing brace made browsers drop the rule after it (the learning pages' width)."""
    depth = 0
    for number, line in enumerate((settings.BASE_DIR / "static/css/app.css").read_text().splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"unmatched }} on line {number}"
    assert depth == 0


# --- issue 13: corrected sentences, and no trial badge on absent evidence or biochemistry -------

# A claim with a trial badge must report what a trial found: statements that something has not
# been shown, textbook biochemistry and guideline wording are not trial findings.
NOT_A_TRIAL_FINDING = re.compile(
    r"\bno study\b|has not been shown|\bworks only after\b|\bKDIGO\b|\bguideline\b", re.I
)


def trial_badge_violations(html: str) -> list[str]:
    main = main_of(html)
    return [
        text(claim)
        for claim in find_all(main, "p", "claim")
        if dict(claim.attributes)["data-evidence"] == "trial" and NOT_A_TRIAL_FINDING.search(text(claim))
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", URL_NAMES)
def test_no_trial_badge_on_absent_evidence_biochemistry_or_guidelines(client, url_name):
    assert trial_badge_violations(get_page(client, url_name)) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "old",
    [
        Claim(
            "That evidence comes from prescription doses. No study has shown that the magnesium in food "
            "binds phosphate, and food is no substitute for a prescribed phosphate binder.",
            "trial",
            ("calmag",),
        ),
        Claim(
            "MGP works only after vitamin K has helped to activate it. Both forms, K1 and K2, can do this.",
            "trial",
            ("ipackhd", "avadec"),
        ),
    ],
)
def test_the_trial_badge_check_fails_when_an_old_claim_returns(client, monkeypatch, old):
    page = PAGES["mechanisms"]
    planted = Section("planted", "Planted", claims=(old,))
    monkeypatch.setitem(PAGES, "mechanisms", dataclasses.replace(page, sections=(*page.sections, planted)))
    [found] = trial_badge_violations(get_page(client, "learn:mechanisms"))
    assert old.text in found


@pytest.mark.django_db
def test_the_corrected_sentences_read_as_the_issue_asks(client):
    pages = {name: " ".join(text_blocks(main_of(get_page(client, name)))) for name in URL_NAMES}
    everything = " ".join(pages.values())
    assert "went with a 22% lower coronary calcium score" in everything
    assert "is a popular claim, not theirs" in everything
    assert "Avocado is only a modest source." in pages["learn:foods"]
    assert "Small studies suggest that the body absorbs the citrate" in pages["learn:supplements"]
    assert "Trimagnesium citrate (anhydrous)" in pages["learn:supplements"]
    assert (
        "Its hydrates (such as the nonahydrate sold in many supplements) hold less magnesium"
        in pages["learn:supplements"]
    )
    assert "lower odds of coronary artery calcium" not in everything
