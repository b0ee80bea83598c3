"""The evidence levels and the sources cited on the learning pages.

Details CONTENT.md marks [unverified] (a page range, a volume, a quotation) are left out.
"""

from dataclasses import dataclass

# What kind of study stands behind a claim: (badge text, what it means).
EVIDENCE = {
    "lab": (
        "lab studies",
        "Experiments on cells or minerals in a laboratory. They show how something can work, "
        "not what it does in a person.",
    ),
    "animal": (
        "animal studies",
        "Experiments in animals, often bred or treated to develop calcification. Results in animals "
        "often fail to carry over to people.",
    ),
    "observational": (
        "observational study in people",
        "People's habits compared with their health, without changing anything. Such studies find "
        "links; they cannot show cause and effect.",
    ),
    "trial": (
        "clinical trial in people",
        "People given a treatment or a comparison, ideally a placebo, and followed up. The most "
        "direct test of whether something works in people.",
    ),
    "biochemistry": (
        "how the body works",
        "Established biochemistry, stated in reviews and trial reports. It explains a mechanism; it "
        "is not evidence that a supplement helps.",
    ),
    "absent": (
        "no study shows this",
        "A statement of what has not been shown: the cited work is where the question was asked, not "
        "evidence for the claim.",
    ),
    "review": (
        "expert review",
        "Researchers summarising or commenting on other studies.",
    ),
    "guidance": (
        "official guidance",
        "Reference values and advice from health bodies (Institute of Medicine, NIH, FDA) and "
        "kidney guidelines (KDIGO, KDOQI).",
    ),
    "data": (
        "food composition data",
        "Nutrient amounts measured in foods, from the USDA database.",
    ),
}


@dataclass(frozen=True)
class Source:
    short: str  # label beside a claim, e.g. "Hruby et al. 2014"
    authors: str
    published: str  # journal or publisher, year, volume and pages where checked
    about: str = ""  # our description of the study (not its title)
    locator: str = ""  # doi, PMID, PMC id or web address
    url: str = ""

    @property
    def byline(self) -> str:
        """The authors followed by exactly one full stop."""
        return self.authors if self.authors.endswith(".") else f"{self.authors}."


def doi(identifier: str) -> dict[str, str]:
    return {"locator": f"doi:{identifier}", "url": f"https://doi.org/{identifier}"}


def pmid(identifier: str) -> dict[str, str]:
    return {"locator": f"PMID {identifier}", "url": f"https://pubmed.ncbi.nlm.nih.gov/{identifier}/"}


def pmc(identifier: str) -> dict[str, str]:
    return {"locator": identifier, "url": f"https://pmc.ncbi.nlm.nih.gov/articles/{identifier}/"}


JASN = "Journal of the American Society of Nephrology"
CJASN = "Clinical Journal of the American Society of Nephrology"
NDT = "Nephrology Dialysis Transplantation"

SOURCES = {
    "avadec": Source(
        "Diederichsen et al. 2022",
        "Diederichsen et al.",
        "Circulation 2022;145:1387–97",
        "AVADEC trial: vitamin K2 and vitamin D in men, aortic valve calcification",
        **doi("10.1161/CIRCULATIONAHA.121.057008"),
    ),
    "bressendorff2017": Source(
        "Bressendorff et al. 2017",
        "Bressendorff et al.",
        "Kidney International Reports 2017;2:380–9",
        "trial of oral magnesium and T50 in CKD stages 3–4",
    ),
    "bressendorff2018": Source(
        "Bressendorff et al. 2018",
        "Bressendorff et al.",
        f"{CJASN} 2018;13:1373–80",
        "trial of dialysate magnesium and T50 in haemodialysis",
        **doi("10.2215/CJN.13921217"),
    ),
    "bundy2019": Source(
        "Bundy et al. 2019",
        "Bundy et al.",
        f"{CJASN} 2019;14:1562–71",
        "T50 and later clinical events in CKD",
    ),
    "calmag": Source(
        "de Francisco et al. 2010",
        "de Francisco et al.",
        f"{NDT} 2010;25:3707–17",
        "CALMAG trial: calcium acetate/magnesium carbonate binder against sevelamer in haemodialysis",
    ),
    "dai2018": Source(
        "Dai et al. 2018",
        "Dai et al.",
        "American Journal of Clinical Nutrition 2018;108:1249–58",
        "randomised trial of magnesium and vitamin D levels",
        **doi("10.1093/ajcn/nqy274"),
    ),
    "diaztocados2017": Source(
        "Diaz-Tocados et al. 2017",
        "Diaz-Tocados et al.",
        "Kidney International 2017;92",
        "magnesium and vascular calcification in uremic rats",
    ),
    "fda2011": Source(
        "FDA 2011",
        "U.S. Food and Drug Administration",
        "Drug safety communication, 2011",
        "long-term proton pump inhibitor use and low blood magnesium",
    ),
    "floege2018": Source(
        "Floege 2018",
        "Floege",
        f"{CJASN} 2018",
        "editorial on serum calcification propensity",
    ),
    "hruby2014": Source(
        "Hruby et al. 2014",
        "Hruby et al.",
        "JACC: Cardiovascular Imaging 2014;7:59–69",
        "Framingham Heart Study, cross-sectional: magnesium intake and coronary and abdominal "
        "aortic calcification",
        **pmid("24290571"),
    ),
    "iom1997": Source(
        "IOM 1997",
        "Institute of Medicine",
        "Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, Vitamin D, and Fluoride. "
        "National Academy Press, 1997",
        locator="nap.edu record 5776",
        url="https://nap.nationalacademies.org/catalog/5776",
    ),
    "ipackhd": Source(
        "Holden et al. 2023",
        "Holden et al.",
        f"{NDT} 2023;38:746–56",
        "iPACK-HD pilot trial: vitamin K1 in haemodialysis",
        **doi("10.1093/ndt/gfac191"),
    ),
    "iseri1984": Source(
        "Iseri & French 1984",
        "Iseri & French",
        "American Heart Journal 1984",
        "magnesium as an antagonist of calcium",
    ),
    "k4kidneys": Source(
        "Witham et al. 2020",
        "Witham et al.",
        f"{JASN} 2020;31:2434–45",
        "K4Kidneys trial: vitamin K2 in CKD stages 3b–4",
        **doi("10.1681/ASN.2020020225"),
    ),
    "kalantarzadeh2010": Source(
        "Kalantar-Zadeh et al. 2010",
        "Kalantar-Zadeh et al.",
        f"{CJASN} 2010;5:519–30",
        "review of dietary phosphorus sources in CKD",
    ),
    "kdigo2017": Source(
        "KDIGO 2017",
        "Kidney Disease: Improving Global Outcomes (KDIGO)",
        "Kidney International Supplements 2017;7:1–59",
        "2017 guideline update for CKD–mineral and bone disorder (CKD-MBD)",
    ),
    "kdoqi2020": Source(
        "KDOQI 2020",
        "Ikizler et al.",
        "American Journal of Kidney Diseases 2020",
        "KDOQI clinical practice guideline for nutrition in CKD",
    ),
    "kircelli2012": Source(
        "Kircelli et al. 2012",
        "Kircelli et al.",
        f"{NDT} 2012;27:514–21",
        "magnesium and calcification of bovine vascular smooth muscle cells",
        **doi("10.1093/ndt/gfr321"),
    ),
    "luo1997": Source(
        "Luo et al. 1997",
        "Luo et al.",
        "Nature 1997;386:78–81",
        "mice lacking matrix Gla protein",
    ),
    "lurie2010": Source(
        "Lurie et al. 2010",
        "Lurie et al.",
        "British Journal of Clinical Pharmacology 2010;70:164",
        "commentary on warfarin and vitamin K intake",
    ),
    "magical": Source(
        "Bressendorff et al. 2023",
        "Bressendorff et al.",
        f"{JASN} 2023;34:886–94",
        "MAGiCAL-CKD trial: oral magnesium and coronary calcification in CKD",
        **doi("10.1681/ASN.0000000000000092"),
    ),
    "magicalprotocol": Source(
        "MAGiCAL-CKD protocol 2017",
        "Bressendorff et al.",
        "BMJ Open 2017;7:e016795",
        "MAGiCAL-CKD trial protocol",
    ),
    "moe2011": Source(
        "Moe et al. 2011",
        "Moe et al.",
        f"{CJASN} 2011;6:257–64",
        "crossover trial of vegetarian and meat diets in CKD",
    ),
    "montesdeoca2014": Source(
        "Montes de Oca et al. 2014",
        "Montes de Oca et al.",
        "PLoS One 2014;9:e89525",
        "magnesium and Wnt/beta-catenin signalling in vascular smooth muscle cells",
    ),
    "montezano2010": Source(
        "Montezano et al. 2010",
        "Montezano et al.",
        "Hypertension 2010",
        "magnesium, TRPM7 and vascular smooth muscle cell calcification",
    ),
    "moorthi2015": Source(
        "Moorthi et al. 2015",
        "Moorthi et al.",
        "American Journal of Nephrology 2015;40:582",
        "feeding study of a plant-protein diet in CKD stages 3–4",
    ),
    "fda_racc": Source(
        "21 CFR 101.12",
        "U.S. Food and Drug Administration",
        "Code of Federal Regulations, 21 CFR 101.12(b) Table 2, reference amounts customarily consumed "
        "per eating occasion, as amended 27 May 2016 (81 FR 34000)",
        locator="ecfr.gov",
        url="https://www.ecfr.gov/current/title-21/chapter-I/subchapter-B/part-101/subpart-A/section-101.12",
    ),
    "ods": Source(
        "NIH ODS",
        "NIH Office of Dietary Supplements",
        "Magnesium: fact sheet for health professionals",
        locator="ods.od.nih.gov",
        url="https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/",
    ),
    "pasch2012": Source(
        "Pasch et al. 2012",
        "Pasch et al.",
        f"{JASN} 2012;23:1744–52",
        "the T50 serum calcification propensity test",
        **doi("10.1681/ASN.2012030240"),
    ),
    "sakaguchi2019": Source(
        "Sakaguchi et al. 2019",
        "Sakaguchi et al.",
        f"{JASN} 2019;30:1073–85",
        "open-label trial of magnesium oxide in CKD stages 3–4",
        **pmc("PMC6551769"),
    ),
    "shah2021": Source(
        "Shah 2021",
        "Shah",
        "Acta Biomaterialia 2021;125:72–82",
        "magnesium whitlockite in pathological mineral",
    ),
    "stjules2017": Source(
        "St-Jules et al. 2017",
        "St-Jules et al.",
        "2017",
        "commentary: urinary excretion of phosphorus from plants, animal foods and additives",
        **pmc("PMC5318242"),
    ),
    "terbraake2018": Source(
        "ter Braake et al. 2018",
        "ter Braake et al.",
        "Scientific Reports 2018",
        "magnesium and hydroxyapatite formation in vascular smooth muscle cells",
        **doi("10.1038/s41598-018-20241-3"),
    ),
    "terbraake2020": Source(
        "ter Braake et al. 2020",
        "ter Braake et al.",
        "Kidney International 2020",
        "dietary magnesium in Klotho-deficient mice",
    ),
    "terbraake2022": Source(
        "ter Braake et al. 2022",
        "ter Braake, Vervloet, de Baaij, Hoenderop",
        f"{NDT} 2022",
        "review: “Magnesium to prevent kidney disease-associated vascular calcification: crystal clear?”",
    ),
    "usda": Source(
        "USDA SR28",
        "U.S. Department of Agriculture, Agricultural Research Service",
        "USDA National Nutrient Database for Standard Reference, Release 28 (2015, revised 2016)",
    ),
    "uwitonze2018": Source(
        "Uwitonze & Razzaque 2018",
        "Uwitonze & Razzaque",
        "Journal of the American Osteopathic Association 2018;118:181–9",
        "narrative review of magnesium in vitamin D metabolism",
        **doi("10.7556/jaoa.2018.037"),
    ),
    "vitavask": Source(
        "Saritas et al. 2022",
        "Saritas et al.",
        "Clinical Kidney Journal 2022",
        "VitaVasK trial: vitamin K1, open-label",
        **doi("10.1093/ckj/sfac184"),
    ),
}
