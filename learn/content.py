"""The learning pages' content as data: claims (each with its evidence level and sources),
sections and pages. The facts come from ../shared/CONTENT.md; the sentences are our own."""

from dataclasses import dataclass, field

from django.urls import reverse

from learn.sources import EVIDENCE, SOURCES, Source


@dataclass(frozen=True)
class Claim:
    text: str
    evidence: str  # a key of EVIDENCE
    cites: tuple[str, ...]  # keys of SOURCES

    def __post_init__(self):
        if self.evidence not in EVIDENCE:
            raise ValueError(f"Unknown evidence level {self.evidence!r}: {self.text}")
        if not self.cites:
            raise ValueError(f"A claim needs at least one source: {self.text}")
        unknown = [key for key in self.cites if key not in SOURCES]
        if unknown:
            raise ValueError(f"Unknown sources {unknown}: {self.text}")

    @property
    def evidence_label(self) -> str:
        return EVIDENCE[self.evidence][0]

    @property
    def sources(self) -> list[tuple[str, Source]]:
        return [(key, SOURCES[key]) for key in self.cites]


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    claims: tuple[Claim, ...] = ()
    notes: tuple[str, ...] = ()  # plain sentences that make no claim (what to ask, what the app does)
    include: str = ""  # a template shown after the claims (a table built from the database)
    see_also: tuple[str, ...] = ()  # slugs of related pages

    @property
    def related(self) -> list["Page"]:
        return [PAGES[slug] for slug in self.see_also]


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    summary: str  # one line for the index
    intro: str
    sections: tuple[Section, ...] = field(default=())

    def get_absolute_url(self) -> str:
        return reverse(f"learn:{self.slug}")

    @property
    def claims(self) -> list[Claim]:
        return [claim for section in self.sections for claim in section.claims]

    @property
    def sources(self) -> list[tuple[str, Source]]:
        """The page's sources in order of first citation."""
        keys = dict.fromkeys(key for claim in self.claims for key in claim.cites)
        return [(key, SOURCES[key]) for key in keys]


# Claims used on more than one page.
NO_HUMAN_REVERSAL = Claim(
    "No study in people has shown magnesium reversing calcification.",
    "absent",
    ("magical",),
)
NO_SLOWING_IN_CKD = Claim(
    "In the biggest blinded trial, in people with kidney disease, magnesium supplements did not slow "
    "calcification down.",
    "trial",
    ("magical",),
)
CRYSTALS = Claim(
    "In cultured artery-wall (smooth muscle) cells, added magnesium stopped hydroxyapatite from "
    "forming. Hydroxyapatite is the calcium-phosphate crystal found in calcified arteries.",
    "lab",
    ("terbraake2018",),
)
COMPETITION = Claim(
    "Magnesium opposes calcium at many points in the body, for example at the channels that let "
    "calcium into cells.",
    "review",
    ("iseri1984",),
)
CALCIUM_ENTRY = Claim(
    "In cow artery-wall cells grown in the lab, magnesium reduced the amount of calcium getting "
    "into the cells.",
    "lab",
    ("kircelli2012",),
)
GATEKEEPER = Claim(
    "Iseri and French called magnesium a physiological calcium blocker. The image of a calcium "
    "“gatekeeper” that sends calcium to bone instead of arteries is a popular claim, not theirs; "
    "it is a metaphor, not an established fact.",
    "review",
    ("iseri1984",),
)
DRUG_DOSE_BINDER = Claim(
    "At medicine doses some magnesium salts do bind phosphate in the gut: a prescription binder made "
    "of calcium acetate and magnesium carbonate controlled blood phosphate no worse than sevelamer in "
    "people on haemodialysis.",
    "trial",
    ("calmag",),
)
FOOD_IS_NOT_A_BINDER = Claim(
    "That evidence comes from prescription doses. No study has shown that the magnesium in food binds "
    "phosphate, and food is no substitute for a prescribed phosphate binder.",
    "absent",
    ("calmag",),
)
INJECTED_IN_RATS = Claim(
    "In rats with kidney failure, magnesium reduced calcification even when it was injected rather "
    "than eaten, so binding phosphate in the gut cannot be its only effect in these animals.",
    "animal",
    ("diaztocados2017",),
)
RATS_PREVENTION = Claim(
    "In rats with kidney failure, extra magnesium prevented calcification and also reduced calcification "
    "that had already formed. This has not been shown in people.",
    "animal",
    ("diaztocados2017",),
)
KLOTHO_MICE = Claim(
    "In mice bred without the Klotho gene, a high-magnesium diet prevented calcification, but it also "
    "lowered thigh-bone density by 20% and caused soft bones (osteomalacia).",
    "animal",
    ("terbraake2020",),
)
VITAMIN_D_ENZYMES = Claim(
    "The enzymes that turn vitamin D into its working forms appear to need magnesium, according to "
    "a narrative review.",
    "review",
    ("uwitonze2018",),
)
VITAMIN_D_TRIAL = Claim(
    "In a trial of 180 people, magnesium raised blood 25-hydroxyvitamin D in those who started below "
    "30 ng/mL but lowered it in those who started between 30 and 50 ng/mL. Magnesium seems to help "
    "regulate vitamin D rather than simply push it up.",
    "trial",
    ("dai2018",),
)
VITAMIN_D_IN_CKD = Claim(
    "In kidney disease, vitamin D treatment is part of the mineral and bone care that guidelines leave "
    "to the kidney team. Magnesium is not a substitute for it, and no reason to skip or change it.",
    "guidance",
    ("kdigo2017",),
)
MGP_MICE = Claim(
    "Matrix Gla protein (MGP) is one of the body's own calcification inhibitors: mice bred without it "
    "die of calcified arteries.",
    "animal",
    ("luo1997",),
)
MGP_NEEDS_K = Claim(
    "MGP works only after vitamin K has helped to activate it. Both forms, K1 and K2, can do this.",
    "biochemistry",
    ("ipackhd", "avadec"),
)
MGP_LOWERED = Claim(
    "In trials, vitamin K lowered the blood level of inactive MGP (dp-ucMGP), by 86% in one dialysis trial.",
    "trial",
    ("ipackhd", "avadec"),
)
K_TRIALS_SUMMARY = Claim(
    "Lowering inactive MGP has not translated into slower calcification in most vitamin K trials so "
    "far, so vitamin K is not proven to prevent calcification.",
    "trial",
    ("avadec", "ipackhd", "k4kidneys"),
)
WARFARIN = Claim(
    "Vitamin K works against warfarin and other vitamin K antagonist blood thinners. Changing vitamin K "
    "intake, from supplements or from food, can change how well these medicines work.",
    "review",
    ("lurie2010",),
)
PHOSPHATE_GUIDELINE = Claim(
    "For people with kidney disease and high blood phosphate, the KDIGO guideline suggests limiting "
    "phosphate in the diet, and considers it reasonable to take the source of the phosphate into "
    "account.",
    "guidance",
    ("kdigo2017",),
)
PHOSPHORUS_SOURCES = Claim(
    "Phosphorus in seeds, legumes and grains is mostly bound to phytate and poorly absorbed, while the "
    "inorganic phosphate added to processed foods is absorbed much more.",
    "review",
    ("kalantarzadeh2010",),
)
SUPPLEMENT_SOURCES_BUILD_UP = Claim(
    "Healthy kidneys pass extra magnesium out in urine. When they work less well, magnesium from "
    "supplements, antacids, laxatives (such as milk of magnesia or magnesium oxide) or enemas can "
    "build up in the blood. This is called hypermagnesaemia.",
    "guidance",
    ("iom1997", "ods"),
)
HYPERMAGNESAEMIA_SIGNS = Claim(
    "Too much magnesium in the blood can cause nausea, flushing, low blood pressure, weakness, "
    "drowsiness and an irregular heartbeat.",
    "guidance",
    ("iom1997", "ods"),
)
FOOD_RARELY = Claim(
    "Magnesium from food alone rarely causes this.",
    "guidance",
    ("iom1997", "ods"),
)
FATAL_DOSES = Claim(
    "Very large amounts from laxatives and antacids, more than 5,000 mg of magnesium a day, have caused "
    "fatal hypermagnesaemia.",
    "guidance",
    ("ods",),
)
MAGICAL_HARM = Claim(
    "In MAGiCAL-CKD, people with kidney disease given magnesium supplements had more serious adverse "
    "events than those given a placebo, and no benefit for their arteries.",
    "trial",
    ("magical",),
)
MAGNESIUM_BINDERS = Claim(
    "Phosphate binders that contain magnesium add to the magnesium from every other source.",
    "guidance",
    ("ods", "calmag"),
)
INTERACTIONS = (
    Claim(
        "Magnesium lowers the absorption of bisphosphonates, medicines for osteoporosis. The NIH fact "
        "sheet says to keep the two 2 hours apart.",
        "guidance",
        ("ods",),
    ),
    Claim(
        "It also lowers the absorption of tetracycline and quinolone antibiotics. The NIH fact sheet "
        "says to take these antibiotics 2 hours before or 4 to 6 hours after magnesium.",
        "guidance",
        ("ods",),
    ),
    Claim(
        "Loop and thiazide diuretics (water tablets) make the body lose more magnesium; "
        "potassium-sparing diuretics make it lose less.",
        "guidance",
        ("ods",),
    ),
    Claim(
        "Proton pump inhibitors, medicines that reduce stomach acid, can cause low blood magnesium when "
        "taken for more than a year.",
        "guidance",
        ("fda2011", "ods"),
    ),
    MAGNESIUM_BINDERS,
)
INTERACTION_NOTE = "A pharmacist can check any supplement against the medicines you take."


INDEX = Page(
    slug="index",
    title="Learn: magnesium, calcification and kidneys",
    summary="",
    intro=(
        "These pages explain what research says about magnesium, its partner nutrients and the "
        "build-up of calcium in artery walls (vascular calcification), and how sure anyone can be of "
        "each point. Every statement carries a label for the kind of evidence behind it and a source "
        "you can look up."
    ),
    sections=(
        Section(
            "overall",
            "The short version",
            claims=(
                Claim(
                    "A 2022 review of magnesium and kidney-related calcification ends its title with "
                    "“crystal clear?”; the pages below show why the question mark is there.",
                    "review",
                    ("terbraake2022",),
                ),
                Claim(
                    "In lab experiments, magnesium holds back the calcium-phosphate crystals that "
                    "make up artery calcification.",
                    "lab",
                    ("terbraake2018",),
                ),
                RATS_PREVENTION,
                NO_HUMAN_REVERSAL,
                NO_SLOWING_IN_CKD,
            ),
        ),
        Section("pages", "Topics", include="learn/includes/page_list.html"),
        Section("labels", "How to read the evidence labels", include="learn/includes/evidence_legend.html"),
    ),
)

PAGES = {
    page.slug: page
    for page in (
        Page(
            slug="mechanisms",
            title="How magnesium might act on calcification",
            summary="Crystals, calcium and phosphate, signals in artery-wall cells, MGP and vitamin K, "
            "vitamin D: what each idea rests on.",
            intro=(
                "Researchers have proposed several ways in which magnesium could hold back calcium "
                "deposits in artery walls. Most of this work was done in cells and in animals. Here is "
                "each idea with the kind of evidence behind it."
            ),
            sections=(
                Section(
                    "crystals",
                    "Crystal formation",
                    claims=(
                        CRYSTALS,
                        Claim(
                            "In lab work, magnesium also held back the step in which shapeless "
                            "calcium-phosphate particles mature into hard crystals.",
                            "lab",
                            ("terbraake2018",),
                        ),
                        Claim(
                            "A mineral called whitlockite, which contains magnesium, is common in "
                            "diseased soft tissue. The idea that magnesium steers deposits towards it, and "
                            "that this is less harmful, is speculation.",
                            "review",
                            ("shah2021",),
                        ),
                    ),
                ),
                Section(
                    "balance",
                    "Calcium and phosphate balance",
                    claims=(
                        COMPETITION,
                        CALCIUM_ENTRY,
                        GATEKEEPER,
                        DRUG_DOSE_BINDER,
                        FOOD_IS_NOT_A_BINDER,
                        INJECTED_IN_RATS,
                    ),
                ),
                Section(
                    "cells",
                    "Signals inside artery-wall cells",
                    claims=(
                        Claim(
                            "Artery-wall cells grown in the lab can switch on bone-making genes such "
                            "as Runx2 and BMP2 and start to behave like bone cells. In these cell "
                            "studies, added magnesium damped that switch and raised MGP, a "
                            "calcification inhibitor.",
                            "lab",
                            ("montezano2010", "montesdeoca2014"),
                        ),
                        Claim(
                            "One of these studies found that magnesium turned the bone-like change "
                            "back after it had started. That was in cells in a dish, not in people.",
                            "lab",
                            ("montesdeoca2014",),
                        ),
                        Claim(
                            "In mice, MGP moved the other way: a high-magnesium diet stopped both Runx2 "
                            "and MGP from rising in the aorta. How magnesium affects MGP is not settled.",
                            "animal",
                            ("terbraake2020",),
                        ),
                        KLOTHO_MICE,
                    ),
                ),
                Section(
                    "mgp", "MGP and vitamin K", claims=(MGP_MICE, MGP_NEEDS_K, MGP_LOWERED, K_TRIALS_SUMMARY)
                ),
                Section(
                    "vitamin-d",
                    "Vitamin D metabolism",
                    claims=(VITAMIN_D_ENZYMES, VITAMIN_D_TRIAL, VITAMIN_D_IN_CKD),
                ),
                Section(
                    "people",
                    "What this means for people",
                    claims=(RATS_PREVENTION, NO_HUMAN_REVERSAL, NO_SLOWING_IN_CKD),
                    see_also=("evidence",),
                ),
            ),
        ),
        Page(
            slug="cofactors",
            title="Cofactors: vitamin D, vitamin K, calcium and phosphate",
            summary="The nutrients discussed alongside magnesium, and what is and is not known about each.",
            intro=(
                "Magnesium is often discussed together with vitamin D, vitamin K (often K2), calcium "
                "and phosphate. Here is the part each plays, and how firm the evidence is."
            ),
            sections=(
                Section(
                    "vitamin-d",
                    "Vitamin D",
                    claims=(VITAMIN_D_ENZYMES, VITAMIN_D_TRIAL, VITAMIN_D_IN_CKD),
                ),
                Section(
                    "vitamin-k",
                    "Vitamin K (K1 and K2)",
                    claims=(
                        MGP_MICE,
                        MGP_NEEDS_K,
                        MGP_LOWERED,
                        K_TRIALS_SUMMARY,
                        WARFARIN,
                        Claim(
                            "The vitamin K values in this app's food database are USDA's phylloquinone "
                            "(K1) values from Release 28, so they do not count vitamin K2.",
                            "data",
                            ("usda",),
                        ),
                    ),
                    see_also=("evidence",),
                ),
                Section(
                    "calcium",
                    "Calcium",
                    claims=(COMPETITION, CALCIUM_ENTRY, GATEKEEPER, CRYSTALS),
                ),
                Section(
                    "phosphate",
                    "Phosphate",
                    claims=(
                        PHOSPHATE_GUIDELINE,
                        PHOSPHORUS_SOURCES,
                        DRUG_DOSE_BINDER,
                        FOOD_IS_NOT_A_BINDER,
                    ),
                ),
            ),
        ),
        Page(
            slug="evidence",
            title="The evidence in people and animals",
            summary="Framingham, MAGiCAL-CKD, the T50 test and the vitamin K trials: what each showed "
            "and what it did not.",
            intro=(
                "A few studies come up again and again when magnesium and calcification are discussed. "
                "Here is what each one did, what it found and where its limits lie."
            ),
            sections=(
                Section(
                    "framingham",
                    "Framingham: an observational study",
                    claims=(
                        Claim(
                            "Researchers in the Framingham Heart Study compared the magnesium intake "
                            "that 2,695 adults reported with the calcium seen on scans of their heart "
                            "arteries and abdominal aorta, at one point in time.",
                            "observational",
                            ("hruby2014",),
                        ),
                        Claim(
                            "Each 50 mg a day more magnesium went with a 22% lower coronary calcium "
                            "score. For the abdominal aorta the score was 12% lower, which could have "
                            "been chance.",
                            "observational",
                            ("hruby2014",),
                        ),
                        Claim(
                            "People in the highest intake group had 58% lower odds of any coronary "
                            "calcium and 34% lower odds of any aortic calcium than those in the lowest; "
                            "the link was stronger in women.",
                            "observational",
                            ("hruby2014",),
                        ),
                        Claim(
                            "What it did not show: the intake was self-reported and counted food and "
                            "supplements together, and a snapshot comparison cannot show that magnesium "
                            "caused the difference.",
                            "observational",
                            ("hruby2014",),
                        ),
                    ),
                ),
                Section(
                    "magical-ckd",
                    "MAGiCAL-CKD: a randomised trial",
                    claims=(
                        Claim(
                            "MAGiCAL-CKD randomly assigned 148 people with kidney disease not on "
                            "dialysis (eGFR 15 to 45) to magnesium hydroxide or a placebo for 12 months. "
                            "Neither they nor their doctors knew who received which.",
                            "trial",
                            ("magical",),
                        ),
                        Claim(
                            "Blood magnesium rose, but coronary calcification progressed no more slowly "
                            "than with the placebo.",
                            "trial",
                            ("magical",),
                        ),
                        MAGICAL_HARM,
                        Claim(
                            "The trial enrolled fewer people than the 250 planned, so it could have "
                            "missed a small effect.",
                            "trial",
                            ("magical", "magicalprotocol"),
                        ),
                        Claim(
                            "An earlier open-label trial of magnesium oxide in CKD stages 3 and 4 "
                            "reported a smaller rise in coronary calcium (11.3% against 39.5% in the "
                            "comparison group). It was stopped early at an interim analysis, 96 of 125 "
                            "people completed it, and everyone knew who was getting magnesium. The "
                            "larger, blinded MAGiCAL-CKD trial did not confirm it.",
                            "trial",
                            ("sakaguchi2019", "magical"),
                        ),
                    ),
                ),
                Section(
                    "t50",
                    "T50: a lab marker of calcification tendency",
                    claims=(
                        Claim(
                            "The T50 test measures how long a blood sample holds out before "
                            "calcium-phosphate crystals form in the lab. A shorter time means a stronger "
                            "tendency to calcify.",
                            "lab",
                            ("pasch2012",),
                        ),
                        Claim(
                            "In 59 people on haemodialysis, more magnesium in the dialysis fluid for 28 "
                            "days lengthened T50 by 73 minutes compared with the usual fluid (95% "
                            "confidence interval 30 to 116).",
                            "trial",
                            ("bressendorff2018",),
                        ),
                        Claim(
                            "In people with CKD stages 3 and 4, oral magnesium for 8 weeks lengthened "
                            "T50 by 40 minutes.",
                            "trial",
                            ("bressendorff2017",),
                        ),
                        Claim(
                            "In people with CKD, a short T50 predicted more clinical events later.",
                            "observational",
                            ("bundy2019",),
                        ),
                        Claim(
                            "Whether raising T50 leads to fewer heart attacks or deaths is unknown: it is "
                            "a lab marker, not a health outcome.",
                            "review",
                            ("floege2018",),
                        ),
                    ),
                    notes=(
                        "Dialysis fluid is set by the dialysis team; these studies are not advice on it.",
                    ),
                ),
                Section(
                    "vitamin-k-trials",
                    "The vitamin K trials",
                    claims=(
                        Claim(
                            "AVADEC gave 365 men vitamin K2 (MK-7) with vitamin D, or a placebo, for 24 "
                            "months. Aortic valve calcium rose by about the same amount in both groups "
                            "(275 against 292 units).",
                            "trial",
                            ("avadec",),
                        ),
                        Claim(
                            "iPACK-HD, a pilot trial in 86 people on haemodialysis, gave vitamin K1 three "
                            "times a week. Inactive MGP fell by 86%, but coronary calcium did not differ "
                            "from the comparison group.",
                            "trial",
                            ("ipackhd",),
                        ),
                        Claim(
                            "K4Kidneys gave vitamin K2 or a placebo to 159 people with CKD stages 3b to "
                            "4 for 12 months. Arterial stiffness and aortic calcification ended up no "
                            "different from the placebo group.",
                            "trial",
                            ("k4kidneys",),
                        ),
                        Claim(
                            "VitaVasK, a small open-label trial of vitamin K1 over 18 months, reported "
                            "that aortic and coronary calcification progressed more slowly, a result not "
                            "yet confirmed by a blinded trial.",
                            "trial",
                            ("vitavask",),
                        ),
                    ),
                ),
                Section(
                    "animals",
                    "Animal studies",
                    claims=(RATS_PREVENTION, KLOTHO_MICE),
                ),
            ),
        ),
        Page(
            slug="foods",
            title="Foods with the most magnesium",
            summary="The foods in the app's USDA database with the most magnesium per FDA reference amount.",
            intro=(
                "The table lists the foods in this app's USDA database with the most magnesium in their "
                "FDA reference amount, the amount customarily eaten at one time. It is computed from the "
                "live database each time the page loads."
            ),
            sections=(
                Section(
                    "groups",
                    "Which foods",
                    claims=(
                        Claim(
                            "The foods with the most magnesium are mostly nuts and seeds, legumes, whole "
                            "grains, leafy green vegetables and dark chocolate. Avocado is only a modest "
                            "source.",
                            "guidance",
                            ("ods",),
                        ),
                        Claim(
                            "Values are USDA's, per 100 g. Magnesium per portion is the value per "
                            "100 g scaled to the weight of the first household portion USDA lists for "
                            "the food.",
                            "data",
                            ("usda",),
                        ),
                        Claim(
                            "Claims such as “good source” are judged on a food's reference amount: 30 g "
                            "of nuts or seeds, 85 g of vegetables, 90 g of cooked beans, 140 g of cooked "
                            "grains, 1 tablespoon of molasses.",
                            "guidance",
                            ("fda_racc",),
                        ),
                        Claim(
                            "Many foods high in magnesium are also high in potassium and phosphorus, "
                            "which matters for people with kidney disease.",
                            "data",
                            ("usda", "kdoqi2020"),
                        ),
                    ),
                    notes=(
                        "The ranking uses the reference amount, not the first USDA portion, which is "
                        "often a cup. Foods no reference amount fits, such as dry raw beans, are left "
                        "out. "
                        "such as dried beans, so a usual serving may weigh much less. Open a food to "
                        "see its other portions.",
                    ),
                ),
                Section(
                    "top", "Most magnesium per reference amount", include="learn/includes/top_foods.html"
                ),
            ),
        ),
        Page(
            slug="supplements",
            title="Magnesium supplements: forms, limits and interactions",
            summary="Forms and their magnesium content, digestive effects, the upper limit and drug "
            "interactions. No dose advice.",
            intro=(
                "This page explains how magnesium supplements differ and where their risks lie. It does "
                "not suggest whether to take one or how much: ask your doctor, pharmacist or dietitian."
            ),
            sections=(
                Section(
                    "forms",
                    "Forms and how much magnesium they contain",
                    claims=(
                        Claim(
                            "A label's “elemental magnesium” is the magnesium itself; the compound it is "
                            "part of weighs more. How much of the weight is magnesium depends on the form.",
                            "guidance",
                            ("ods",),
                        ),
                        Claim(
                            "Small studies suggest that the body absorbs the citrate, chloride, lactate "
                            "and aspartate forms more completely than magnesium oxide or sulfate.",
                            "guidance",
                            ("ods",),
                        ),
                    ),
                    include="learn/includes/supplement_forms.html",
                ),
                Section(
                    "digestion",
                    "Effects on digestion",
                    claims=(
                        Claim(
                            "Magnesium salts, among them oxide, citrate and hydroxide, can cause "
                            "diarrhoea and other digestive upsets at high intakes.",
                            "guidance",
                            ("iom1997", "ods"),
                        ),
                    ),
                ),
                Section(
                    "upper-limit",
                    "The upper limit",
                    claims=(
                        Claim(
                            "The tolerable upper intake level for magnesium from supplements and "
                            "medicines is 350 mg a day for everyone from 9 years, including in pregnancy "
                            "and while breastfeeding. Diarrhoea is the effect it is based on.",
                            "guidance",
                            ("iom1997", "ods"),
                        ),
                        Claim(
                            "For younger children the limit is lower: 65 mg a day at 1 to 3 years and "
                            "110 mg a day at 4 to 8 years. No figure has been set for babies under 1.",
                            "guidance",
                            ("iom1997", "ods"),
                        ),
                        Claim(
                            "The limit does not count magnesium from food, which healthy kidneys clear.",
                            "guidance",
                            ("iom1997", "ods"),
                        ),
                        Claim(
                            "An upper limit is a ceiling for safety, not a target or a recommended amount.",
                            "guidance",
                            ("iom1997",),
                        ),
                        FATAL_DOSES,
                        Claim(
                            "With kidney disease, magnesium from supplements, antacids, "
                            "laxatives or enemas can build up in the blood.",
                            "guidance",
                            ("iom1997", "ods"),
                        ),
                    ),
                    see_also=("kidney",),
                ),
                Section(
                    "interactions",
                    "Interactions with medicines",
                    claims=INTERACTIONS,
                    notes=(INTERACTION_NOTE,),
                ),
            ),
        ),
        Page(
            slug="kidney",
            title="Magnesium and chronic kidney disease",
            summary="Why magnesium needs more care with kidney disease, and what to ask your kidney team.",
            intro=(
                "If you have chronic kidney disease (CKD), magnesium needs more care. This page explains "
                "why and what to ask your kidney team. It does not replace their advice: ask them before "
                "taking any magnesium, vitamin K, vitamin D or calcium supplement."
            ),
            sections=(
                Section(
                    "build-up",
                    "Magnesium can build up",
                    claims=(SUPPLEMENT_SOURCES_BUILD_UP, HYPERMAGNESAEMIA_SIGNS, FOOD_RARELY),
                ),
                Section(
                    "supplements",
                    "No supplements without your kidney team",
                    claims=(MAGICAL_HARM, WARFARIN, VITAMIN_D_IN_CKD),
                ),
                Section(
                    "potassium-phosphorus",
                    "Foods high in magnesium often bring potassium and phosphorus",
                    claims=(
                        Claim(
                            "Seeds, nuts, dark chocolate, beans and leafy greens are among the foods "
                            "highest in magnesium, and most of them are also high in potassium, "
                            "phosphorus or both. The table shows USDA values.",
                            "data",
                            ("usda",),
                        ),
                    ),
                    include="learn/includes/kidney_examples.html",
                ),
                Section(
                    "phosphorus",
                    "Not all phosphorus is absorbed alike",
                    claims=(
                        PHOSPHORUS_SOURCES,
                        Claim(
                            "In a small crossover trial of 9 people with CKD, a vegetarian diet led to "
                            "lower blood phosphorus and FGF23 than a meat-based diet with the same "
                            "amount of phosphorus.",
                            "trial",
                            ("moe2011",),
                        ),
                        Claim(
                            "Urine measurements from feeding studies suggest that phosphate additives "
                            "may be absorbed less completely than assumed, so the picture is still "
                            "being refined.",
                            "review",
                            ("stjules2017",),
                        ),
                        Claim(
                            "The KDOQI nutrition guideline advises adjusting phosphorus intake to keep "
                            "blood phosphate in the normal range, and considering how well the "
                            "phosphorus in different foods is absorbed.",
                            "guidance",
                            ("kdoqi2020",),
                        ),
                        PHOSPHATE_GUIDELINE,
                    ),
                ),
                Section(
                    "potassium",
                    "Potassium limits are personal",
                    claims=(
                        Claim(
                            "In a small feeding study, a diet with 70% of its protein from plants led to "
                            "2 episodes of high blood potassium among 13 people with CKD stages 3 and 4.",
                            "trial",
                            ("moorthi2015",),
                        ),
                        Claim(
                            "The KDOQI guideline advises adjusting potassium intake to keep blood "
                            "potassium in the normal range, which differs from person to person.",
                            "guidance",
                            ("kdoqi2020",),
                        ),
                    ),
                    notes=(
                        "That is why this app never nudges anyone who has told it they have kidney "
                        "disease towards nuts, beans or greens.",
                    ),
                ),
                Section(
                    "targets",
                    "Ask for your own targets",
                    claims=(
                        Claim(
                            "The standard magnesium intakes were set for healthy people and may not "
                            "apply with kidney disease. The KDOQI guideline has phosphorus and "
                            "potassium intake adjusted to each person's blood levels.",
                            "guidance",
                            ("iom1997", "kdoqi2020"),
                        ),
                    ),
                    notes=(
                        "Ask your nephrologist or renal dietitian for your own magnesium, potassium and "
                        "phosphorus targets. Until a clinician target is entered in your profile, this "
                        "app shows your intake without a goal bar.",
                    ),
                ),
                Section(
                    "interactions",
                    "Medicines that interact with magnesium",
                    claims=INTERACTIONS,
                    notes=(INTERACTION_NOTE,),
                ),
            ),
        ),
    )
}


# The chemical formula of each compound in core.nutrition.ELEMENTAL_PERCENT, shown beside it.
FORMULAS = {
    "oxide": "MgO",
    "hydroxide": "Mg(OH)₂",
    "carbonate": "MgCO₃",
    "chloride": "MgCl₂",
    "chloride_hexahydrate": "MgCl₂·6H₂O",
    "sulfate": "MgSO₄",
    "sulfate_heptahydrate": "MgSO₄·7H₂O",
    "citrate": "Mg₃(C₆H₅O₇)₂",
    "malate": "MgC₄H₄O₅",
    "glycinate": "Mg(C₂H₄NO₂)₂",
    "lactate": "Mg(C₃H₅O₃)₂",
    "aspartate": "Mg(C₄H₆NO₄)₂",
}

# Foods named in CONTENT.md's CKD section, by USDA SR28 NDB number; their values come from the database.
KIDNEY_EXAMPLE_NDB = ("12016", "12061", "19904", "16015", "11458", "09037", "20037")
