"""Sample USDA folders for the import tests, and a converter from SR28 to the FDC CSV layout."""

import csv
import shutil
from pathlib import Path

from django.conf import settings

from foods.importing import fdc
from foods.importing.sr28 import NDB_TO_FDC, SR_NUTRIENTS

HERE = Path(__file__).parent
FULL_SR28_RELEASE = settings.BASE_DIR.parent / "shared" / "data" / "usda-sr28"
# The SR28 sample: every row of the real release for ricotta (01036), boiled spinach (11458),
# pumpkin seed kernels (12014) and a coating mix with no magnesium row (18637), cut by cut_sr28().
SR28_SAMPLE_FOODS = ("01036", "11458", "12014", "18637")
# The same ricotta, spinach and pumpkin seeds, and goji berries (no magnesium row), as FDC
# SR Legacy rows: values from SR28 (SR Legacy kept them), fdc_ids from NDB_TO_FDC.csv.
FDC_SR_LEGACY_SAMPLE = HERE / "fdc_sample_sr_legacy"
# Real FDC Foundation Foods rows (April 2019 release) for hummus (321358) and grape tomatoes
# (321360), with two sample_food rows that the import skips. Hummus's energy row 1008 is left
# out, as in newer releases that give only 2047 and 2048.
FDC_FOUNDATION_SAMPLE = HERE / "fdc_sample_foundation"


def cut_sr28(release: Path, folder: Path, ndb_numbers=SR28_SAMPLE_FOODS) -> Path:
    """Write the lines of the release's files that concern these foods, byte for byte, to `folder`.

    The sample is cut from ../shared at test time: USDA files are read from there, never copied
    into the repository.
    """

    def keep(name, wanted, separator=b"^", header=False):
        rows = (release / name).read_bytes().split(b"\n")
        kept = rows[:1] * header + [row for row in rows if row.split(separator, 1)[0] in wanted]
        (folder / name).write_bytes(b"\n".join([*kept, b""]))
        return kept

    folder.mkdir()
    ndb_fields = {b"~%s~" % ndb.encode() for ndb in ndb_numbers}
    foods = keep("FOOD_DES.txt", ndb_fields)
    keep("FD_GROUP.txt", {food.split(b"^")[1] for food in foods})
    keep("NUT_DATA.txt", ndb_fields)
    keep("WEIGHT.txt", ndb_fields)
    keep("NDB_TO_FDC.csv", {ndb.encode() for ndb in ndb_numbers}, separator=b",", header=True)
    return folder


def copy(sample: Path, tmp_path: Path) -> Path:
    folder = tmp_path / sample.name
    shutil.copytree(sample, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    """Replace the first `old` in a file (SR28 .txt files are Latin-1, FDC files UTF-8)."""
    path = folder / name
    encoding = "latin-1" if name.endswith(".txt") else "utf-8"
    text = path.read_bytes().decode(encoding)
    assert old in text, f"{old!r} not in {name}"
    path.write_bytes(text.replace(old, new, 1).encode(encoding))


def write_csv(path: Path, header: list[str], rows) -> None:
    """A CSV file as FDC writes them: a header line, every field double-quoted."""
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def sr28_as_fdc(release: Path, folder: Path) -> Path:
    """Write the SR28 foods that have an FDC id as an FDC SR Legacy download in `folder`.

    Every nutrient row is kept so that the files have their real size; nutrients that the
    app does not track get made-up ids (900000 + row of NUTR_DEF).
    """

    def sr28(name):
        with open(release / name, newline="", encoding="latin-1") as file:
            return list(csv.reader(file, delimiter="^", quotechar="~"))

    folder.mkdir()
    tracked = {field: number for number, (field, _) in reversed(fdc.FDC_NUTRIENTS.items())}
    nutrient_ids = {
        row[0]: tracked.get(SR_NUTRIENTS.get(row[0]), str(900000 + position))
        for position, row in enumerate(sr28("NUTR_DEF.txt"))
    }
    fdc_ids = {row[0].zfill(5): row[1] for row in sr28_ndb_to_fdc(release)}
    write_csv(
        folder / fdc.FOOD_CATEGORY,
        ["id", "code", "description"],
        [[str(int(code) // 100), code, description] for code, description in sr28("FD_GROUP.txt")],
    )
    write_csv(
        folder / fdc.FOOD,
        ["fdc_id", "data_type", "description", "food_category_id", "publication_date"],
        [
            [fdc_ids[row[0]], "sr_legacy_food", row[2], str(int(row[1]) // 100), "2019-04-01"]
            for row in sr28("FOOD_DES.txt")
            if row[0] in fdc_ids
        ],
    )
    write_csv(
        folder / fdc.NUTRIENT,
        ["id", "name", "unit_name", "nutrient_nbr", "rank"],
        [
            [nutrient_ids[number], name, unit.replace("µ", "U").upper(), number, rank]
            for number, unit, _, name, _, rank in sr28("NUTR_DEF.txt")
        ],
    )
    write_csv(
        folder / fdc.FOOD_NUTRIENT,
        ["id", "fdc_id", "nutrient_id", "amount", "data_points", "derivation_id"]
        + ["min", "max", "median", "footnote", "min_year_acquired"],
        [
            [
                str(line),
                fdc_ids[row[0]],
                nutrient_ids[row[1]],
                row[2],
                row[3],
                "",
                row[10],
                row[11],
                "",
                "",
                "",
            ]
            for line, row in enumerate(sr28("NUT_DATA.txt"), start=1)
            if row[0] in fdc_ids
        ],
    )
    write_csv(folder / fdc.MEASURE_UNIT, ["id", "name"], [["9999", "undetermined"]])
    write_csv(
        folder / fdc.FOOD_PORTION,
        ["id", "fdc_id", "seq_num", "amount", "measure_unit_id", "portion_description", "modifier"]
        + ["gram_weight", "data_points", "footnote", "min_year_acquired"],
        [
            [str(line), fdc_ids[ndb], seq, amount, "9999", "", measure, grams, points, "", ""]
            for line, (ndb, seq, amount, measure, grams, points, _) in enumerate(sr28("WEIGHT.txt"), start=1)
            if ndb in fdc_ids
        ],
    )
    return folder


def sr28_ndb_to_fdc(release: Path) -> list[list[str]]:
    with open(release / NDB_TO_FDC, newline="") as file:
        return list(csv.reader(file))[1:]
