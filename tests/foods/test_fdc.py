from decimal import Decimal as D

import pytest

from foods.importing import fdc, sr28
from foods.importing.fdc import FDC_NUTRIENTS, portion_label, read_download
from foods.importing.records import PortionRecord
from foods.importing.sr28 import read_release
from foods.importing.tables import UsdaFormatError
from foods.models import NUTRIENT_FIELDS, Source
from tests.foods.samples import (
    FDC_FOUNDATION_SAMPLE,
    FDC_SR_LEGACY_SAMPLE,
    FULL_SR28_RELEASE,
    copy,
    edit,
    write_csv,
)


def foods_by_fdc_id(folder):
    return {food.fdc_id: food for food in read_download(folder)}


def read_error(folder) -> tuple[str, int | None, str]:
    with pytest.raises(UsdaFormatError) as error:
        read_download(folder)
    return error.value.file, error.value.line, error.value.message


def test_reads_sr_legacy_foods_in_file_order_with_source_name_category_and_fdc_id():
    foods = read_download(FDC_SR_LEGACY_SAMPLE)

    assert [(food.source, food.source_id, food.fdc_id, food.name, food.category) for food in foods] == [
        ("usda-fdc", "168463", 168463, "Spinach, cooked, boiled, drained, without salt",
         "Vegetables and Vegetable Products"),
        ("usda-fdc", "170556", 170556, "Seeds, pumpkin and squash seed kernels, dried",
         "Nut and Seed Products"),
        ("usda-fdc", "170851", 170851, "Cheese, ricotta, whole milk", "Dairy and Egg Products"),
        ("usda-fdc", "173032", 173032, "Goji berries, dried", "Fruits and Fruit Juices"),
    ]  # fmt: skip


def test_sources_are_food_sources():
    assert (sr28.SOURCE, fdc.SOURCE) == (Source.USDA_SR28, Source.USDA_FDC)


def test_tracked_nutrients_are_the_food_fields():
    assert {field for field, _ in FDC_NUTRIENTS.values()} == set(NUTRIENT_FIELDS)


def test_sr_legacy_sample_reads_as_the_same_foods_as_the_sr28_sample(sr28_sample):
    """One normalised record whichever release a food comes from (SR Legacy kept SR28's values)."""
    sr28 = {food.fdc_id: food for food in read_release(sr28_sample) if food.fdc_id}
    sr_legacy = foods_by_fdc_id(FDC_SR_LEGACY_SAMPLE)

    assert set(sr28) == {168463, 170556, 170851}
    for fdc_id, food in sr28.items():
        assert (sr_legacy[fdc_id].name, sr_legacy[fdc_id].category) == (food.name, food.category)
        assert sr_legacy[fdc_id].nutrients == food.nutrients
        assert sr_legacy[fdc_id].portions == food.portions


@pytest.mark.parametrize(
    ("fdc_id", "field", "expected"),
    [
        (170556, "magnesium_mg", "592"),
        (170556, "energy_kcal", "559"),
        (173032, "calcium_mg", "190"),
        (173032, "fiber_g", "13.0"),
        (168463, "vitamin_d_ug", "0.0"),  # a measured zero stays zero
        (321358, "magnesium_mg", "71.1"),
        (321358, "vitamin_k_ug", "17.2"),
        (321360, "potassium_mg", "260"),
        (321360, "sodium_mg", "6.0"),
    ],
)
def test_nutrient_values_are_decimals_taken_from_the_text(fdc_id, field, expected):
    foods = foods_by_fdc_id(FDC_SR_LEGACY_SAMPLE) | foods_by_fdc_id(FDC_FOUNDATION_SAMPLE)
    value = foods[fdc_id].nutrients[field]

    assert isinstance(value, D)
    assert str(value) == expected


def test_nutrient_without_a_row_is_unknown_not_zero():
    goji = foods_by_fdc_id(FDC_SR_LEGACY_SAMPLE)[173032]

    assert goji.nutrients == {
        **dict.fromkeys(NUTRIENT_FIELDS),
        "calcium_mg": D("190"),
        "sodium_mg": D("298"),
        "energy_kcal": D("349"),
        "fiber_g": D("13.0"),
    }


@pytest.mark.parametrize(
    ("remove", "fdc_id", "energy"),
    [
        ([], 321360, "27.0"),  # 1008 when there is one, though 2047 says 31
        ([], 321358, "243"),  # no 1008: 2047, Atwater general factors
        (['"13338510","321358","2047"'], 321358, "229"),  # neither 1008 nor 2047: 2048
        (['"13338510","321358","2047"', '"13338412","321358","2048"'], 321358, None),
        (['"2220034","321360","1008"'], 321360, "31.0"),
    ],
)
def test_energy_is_1008_else_2047_else_2048(foundation, remove, fdc_id, energy):
    for row in remove:
        lines = (foundation / "food_nutrient.csv").read_text().splitlines(keepends=True)
        (foundation / "food_nutrient.csv").write_text("".join(line for line in lines if row not in line))

    value = foods_by_fdc_id(foundation)[fdc_id].nutrients["energy_kcal"]

    assert value == (D(energy) if energy else None)


def test_energy_preference_does_not_depend_on_row_order(foundation):
    path = foundation / "food_nutrient.csv"
    header, *rows = path.read_text().splitlines(keepends=True)
    path.write_text(header + "".join(reversed(rows)))

    assert foods_by_fdc_id(foundation)[321360].nutrients["energy_kcal"] == D("27.0")


def test_other_data_types_are_skipped_with_their_rows_and_counted(foundation):
    # A sample food's rows are not imported, so their values are not checked either.
    with open(foundation / "food_nutrient.csv", "a") as file:
        file.write('"1","319874","1090","not a number","","","","","","","","",""\n')
    with open(foundation / "food_portion.csv", "a") as file:
        file.write('"2","320512","1","1","1000","","","0","","",""\n')
    messages = []

    foods = read_download(foundation, progress=messages.append)

    assert [food.fdc_id for food in foods] == [321358, 321360]
    assert messages[1] == (
        "Read food.csv: 2 foods to import (foundation_food 2); "
        "skipped 2 foods of other data types (sample_food 2)"
    )


@pytest.mark.parametrize(
    ("sample", "portions"),
    [
        (
            FDC_SR_LEGACY_SAMPLE,
            {
                170851: [PortionRecord(1, "0.5 cup", D("124")), PortionRecord(2, "1 cup", D("246"))],
                173032: [PortionRecord(1, "5 tbsp", D("28"))],
            },
        ),
        (
            FDC_FOUNDATION_SAMPLE,
            {
                321358: [PortionRecord(1, "2 tablespoon", D("33.9"))],
                321360: [PortionRecord(1, "5 tomatoes", D("49.7")), PortionRecord(2, "1 cup", D("152"))],
            },
        ),
    ],
    ids=["sr-legacy-unit-in-modifier", "foundation-unit-from-measure-unit"],
)
def test_portions_come_from_food_portion_rows(sample, portions):
    foods = foods_by_fdc_id(sample)

    assert {fdc_id: foods[fdc_id].portions for fdc_id in portions} == portions


@pytest.mark.parametrize(
    ("amount", "unit", "modifier", "comment", "expected"),
    [
        ("1", "", "cup, chopped", "", "1 cup, chopped"),  # SR Legacy: unit in the modifier
        ("0.5", "", "cup", "", "0.5 cup"),
        (".5", "", "cup", "", "0.5 cup"),
        ("1.0", "", 'medium (7" to 7-7/8" long)', "", '1 medium (7" to 7-7/8" long)'),
        ("1", "cup", "", "", "1 cup"),  # Foundation: unit from measure_unit
        ("1", "cup", "chopped", "", "1 cup, chopped"),
        ("2", "tablespoon", "", "", "2 tablespoon"),
        ("1", "slice", "", "1/8 of a 14 inch pizza", "1 slice (1/8 of a 14 inch pizza)"),
        ("", "cup", "", "", "cup"),
        ("1", "", "", "1 cup", "1 cup"),  # no unit, no modifier: the description is the label
        ("1", "", "", "", ""),
    ],
)
def test_portion_label(amount, unit, modifier, comment, expected):
    assert portion_label(amount, unit, modifier, comment) == expected


def test_foundation_portion_gets_modifier_and_description(foundation):
    edit(foundation, "food_portion.csv", '"1000","","","152"', '"1000","","halved","152"')
    edit(foundation, "food_portion.csv", '"1082","",""', '"1082","about 10 g each",""')

    portions = foods_by_fdc_id(foundation)[321360].portions

    assert [portion.description for portion in portions] == ["5 tomatoes (about 10 g each)", "1 cup, halved"]


@pytest.mark.parametrize(
    ("seq_nums", "expected"),
    [
        (("2", "1"), [(1, "1 cup"), (2, "5 tomatoes")]),  # seq_num kept, portions sorted by it
        (("7", "3"), [(3, "1 cup"), (7, "5 tomatoes")]),
        (("0", "1"), [(0, "5 tomatoes"), (1, "1 cup")]),
        (("", ""), [(1, "5 tomatoes"), (2, "1 cup")]),  # none: file order
        (("1", ""), [(1, "5 tomatoes"), (2, "1 cup")]),  # one missing: file order for the food
        (("2", "2"), [(1, "5 tomatoes"), (2, "1 cup")]),  # the same twice: file order
    ],
)
def test_seq_is_seq_num_unless_missing_or_repeated(foundation, seq_nums, expected):
    edit(foundation, "food_portion.csv", '"118808","321360","1"', f'"118808","321360","{seq_nums[0]}"')
    edit(foundation, "food_portion.csv", '"118809","321360","2"', f'"118809","321360","{seq_nums[1]}"')

    portions = foods_by_fdc_id(foundation)[321360].portions

    assert [(portion.seq, portion.description) for portion in portions] == expected
    assert foods_by_fdc_id(foundation)[321358].portions[0].seq == 1  # other foods keep theirs


def test_columns_are_found_by_name_in_any_order_with_extra_columns(tmp_path):
    folder = copy(FDC_FOUNDATION_SAMPLE, tmp_path)
    write_csv(
        folder / "measure_unit.csv",
        ["abbreviation", "name", "id"],
        [
            ["c", "cup", "1000"],
            ["tbsp", "tablespoon", "1001"],
            ["", "tomatoes", "1082"],
            ["", "undetermined", "9999"],
        ],
    )

    assert read_download(folder) == read_download(FDC_FOUNDATION_SAMPLE)


def test_crlf_line_ends_and_a_byte_order_mark_are_read(sr_legacy):
    for path in sr_legacy.iterdir():
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))

    assert read_download(sr_legacy) == read_download(FDC_SR_LEGACY_SAMPLE)


def test_text_is_read_as_utf_8(sr_legacy):
    edit(sr_legacy, "food.csv", "Goji berries, dried", "Baies de goji séchées")

    assert foods_by_fdc_id(sr_legacy)[173032].name == "Baies de goji séchées"


def test_unit_names_are_compared_without_case_and_with_either_micro_sign(sr_legacy):
    edit(sr_legacy, "nutrient.csv", '"Magnesium, Mg","MG"', '"Magnesium, Mg","mg"')
    edit(sr_legacy, "nutrient.csv", '"Vitamin D (D2 + D3)","UG"', '"Vitamin D (D2 + D3)","µg"')

    assert foods_by_fdc_id(sr_legacy)[170556].nutrients["magnesium_mg"] == D("592")


def test_progress_reports_each_file():
    messages = []

    read_download(FDC_SR_LEGACY_SAMPLE, progress=messages.append)

    assert messages == [
        "Read food_category.csv: 5 food categories",
        "Read food.csv: 4 foods to import (sr_legacy_food 4)",
        "Read nutrient.csv: 13 nutrients",
        "Read food_nutrient.csv: 38 rows, 31 kept (tracked nutrients of these foods)",
        "Read measure_unit.csv: 4 measure units",
        "Read food_portion.csv: 6 rows, 6 portions of these foods",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "food.csv",
        "food_category.csv",
        "nutrient.csv",
        "food_nutrient.csv",
        "measure_unit.csv",
        "food_portion.csv",
    ],
)
def test_missing_file_is_named(sr_legacy, name):
    (sr_legacy / name).unlink()

    assert read_error(sr_legacy) == (name, None, f"file not found in {sr_legacy}")


def test_optional_files_are_not_needed(sr_legacy):
    (sr_legacy / "sr_legacy_food.csv").unlink()

    assert read_download(sr_legacy) == read_download(FDC_SR_LEGACY_SAMPLE)


@pytest.mark.parametrize("name", ["food.csv", "food_nutrient.csv", "food_portion.csv"])
def test_empty_file_is_an_error(sr_legacy, name):
    (sr_legacy / name).write_bytes(b"")

    assert read_error(sr_legacy) == (name, 1, "file is empty")


@pytest.mark.parametrize(("name", "expected"), [("food_nutrient.csv", (2, 0)), ("food_portion.csv", (0, 2))])
def test_file_with_only_a_header_has_no_rows(foundation, name, expected):
    path = foundation / name
    path.write_text(path.read_text().splitlines(keepends=True)[0])

    foods = read_download(foundation)

    all_unknown = [food for food in foods if food.nutrients == dict.fromkeys(NUTRIENT_FIELDS)]
    no_portions = [food for food in foods if not food.portions]
    assert (len(foods), len(all_unknown), len(no_portions)) == (2, *expected)


def test_download_without_sr_legacy_or_foundation_foods_is_an_error(sr_legacy):
    path = sr_legacy / "food.csv"
    path.write_text(path.read_text().replace('"sr_legacy_food"', '"branded_food"'))

    assert read_error(sr_legacy) == (
        "food.csv",
        None,
        "no foods of data type sr_legacy_food or foundation_food",
    )


@pytest.mark.parametrize(
    ("name", "old", "new", "line", "message"),
    [
        # header and field counts
        ("food_nutrient.csv", '"amount",', '"value",', 1, "no column amount in the header"),
        ("food.csv", '"fdc_id","data_type"', '"fdc_id","type"', 1, "no column data_type in the header"),
        ("food_portion.csv", '"gram_weight"', '"modifier"', 1, "no column gram_weight in the header"),
        ("measure_unit.csv", '"id","name"', '"id","id"', 1, "no column name in the header"),
        ("food_category.csv", '"code"', '"id"', 1, "column id appears more than once in the header"),
        ("food_nutrient.csv", '"592","3"', '"592"', 17, "expected 11 fields, found 10"),
        ("food_nutrient.csv", '"592","3"', '"592","3","",""', 17, "expected 11 fields, found 13"),
        ("food.csv", '"Goji berries, dried"', '"Goji berries,\n dried"', 5, "line break inside a text field"),
        ("food.csv", '"Goji berries, dried"', '"Goji "berries", dried"', 5,
         "cannot split the line into fields (',' expected after '\"')"),
        ("food_portion.csv", '"3","170556"', '\n"3","170556"', 4, "expected 11 fields, found 0"),
        # required fields
        ("food.csv", '"173032","sr_legacy_food"', '"","sr_legacy_food"', 5, "fdc_id is empty"),
        ("food.csv", '"sr_legacy_food","Goji', '"","Goji', 5, "data_type is empty"),
        ("food.csv", '"Goji berries, dried"', '" "', 5, "description is empty"),
        ("food_nutrient.csv", '"592","3"', '"","3"', 17, "amount is empty"),
        ("food_nutrient.csv", '"170556","1090"', '"170556",""', 17, "nutrient_id is empty"),
        ("food_portion.csv", '"28.35"', '""', 4, "gram_weight is empty"),
        ("food_portion.csv", '"1","9999","","oz"', '"1","","","oz"', 4, "measure_unit_id is empty"),
        ("food_category.csv", '"Fruits and Fruit Juices"', '""', 3, "description is empty"),
        ("nutrient.csv", '"1090","Magnesium', '"","Magnesium', 6, "id is empty"),
        # numbers
        ("food_nutrient.csv", '"592","3"', '"59x2","3"', 17, "amount '59x2' is not a number"),
        ("food_nutrient.csv", '"592","3"', '"-1","3"', 17, "amount -1 must be 0 or more"),
        ("food_nutrient.csv", '"592","3"', '"5.9201","3"', 17,
         "amount 5.9201 has more than 10 digits or 3 decimal places"),
        ("food_portion.csv", '"28.35"', '"0"', 4, "gram_weight 0 must be more than 0"),
        ("food_portion.csv", '"28.35"', '"28,35"', 4, "gram_weight '28,35' is not a number"),
        ("food_portion.csv", '"28.35"', '"28.3501"', 4,
         "gram_weight 28.3501 has more than 9 digits or 3 decimal places"),
        ("food_portion.csv", '"2","1","9999"', '"2","one","9999"', 4, "amount 'one' is not a number"),
        ("food_portion.csv", '"2","1","9999"', '"2","0","9999"', 4, "amount 0 must be more than 0"),
        ("food_portion.csv", '"170556","2"', '"170556","2.5"', 4,
         "seq_num '2.5' is not a whole number from 0 to 32,767"),
        ("food_portion.csv", '"170556","2"', '"170556","40000"', 4,
         "seq_num '40000' is not a whole number from 0 to 32,767"),
        ("food.csv", '"173032","sr_legacy_food"', '"17303x","sr_legacy_food"', 5,
         "fdc_id '17303x' is not a whole number from 1 to 2,147,483,647"),
        # references and keys
        ("food_nutrient.csv", '"170556","1090"', '"999999","1090"', 17, "fdc_id '999999' is not in food.csv"),
        ("food_nutrient.csv", '"170556","1090"', '"170556","9090"', 17,
         "nutrient_id '9090' is not in nutrient.csv"),
        ("food_nutrient.csv", '"170556","1091"', '"170556","1090"', 18,
         "duplicate nutrient_id 1090 for fdc_id 170556"),
        ("food_portion.csv", '"3","170556"', '"3","999999"', 4, "fdc_id '999999' is not in food.csv"),
        ("food_portion.csv", '"1","9999","","oz"', '"1","1234","","oz"', 4,
         "measure_unit_id '1234' is not in measure_unit.csv"),
        ("food.csv", '"173032","sr_legacy_food"', '"170851","sr_legacy_food"', 5, "duplicate fdc_id 170851"),
        ("food.csv", '"Goji berries, dried","9"', '"Goji berries, dried","99"', 5,
         "food_category_id '99' is not in food_category.csv"),
        ("food_category.csv", '"9","0900"', '"1","0900"', 3, "duplicate id '1'"),
        ("nutrient.csv", '"1091","Phosphorus', '"1090","Phosphorus', 7, "duplicate id '1090'"),
        ("measure_unit.csv", '"1001","tablespoon"', '"1000","tablespoon"', 3, "duplicate id '1000'"),
        # units
        ("nutrient.csv", '"Magnesium, Mg","MG"', '"Magnesium, Mg","G"', 6,
         "nutrient 1090 (Magnesium, Mg) is in 'G', expected MG"),
        ("nutrient.csv", '"Vitamin D (D2 + D3)","UG"', '"Vitamin D (D2 + D3)","IU"', 11,
         "nutrient 1114 (Vitamin D (D2 + D3)) is in 'IU', expected UG"),
        ("nutrient.csv", '"Energy","KCAL"', '"Energy","KJ"', 3,
         "nutrient 1008 (Energy) is in 'KJ', expected KCAL"),
        ("nutrient.csv", 'General Factors)","KCAL"', 'General Factors)","KJ"', 13,
         "nutrient 2047 (Energy (Atwater General Factors)) is in 'KJ', expected KCAL"),
        # portions that cannot be described, lengths the database columns allow
        ("food_portion.csv", '"9999","","tbsp"', '"9999","",""', 7,
         "no portion description: modifier and portion_description are empty and measure_unit_id 9999 "
         "has no name (undetermined)"),
        ("food_portion.csv", '"","tbsp"', '"","' + "x" * 254 + '"', 7,
         "description is longer than 255 characters"),
        ("food.csv", '"Goji berries, dried"', '"' + "x" * 256 + '"', 5,
         "description is longer than 255 characters"),
        ("food_category.csv", '"Fruits and Fruit Juices"', '"' + "x" * 101 + '"', 3,
         "description is longer than 100 characters"),
    ],
)  # fmt: skip
def test_bad_line_is_reported_with_file_and_line(sr_legacy, name, old, new, line, message):
    edit(sr_legacy, name, old, new)

    assert read_error(sr_legacy) == (name, line, message)


@pytest.mark.parametrize(
    ("name", "keep", "line", "message"),
    [
        ("food_nutrient.csv", '"38","173032","1093",', 39, "expected 11 fields, found 4"),
        ("food_nutrient.csv", '"38","173032","1093","2', 39,
         "cannot split the line into fields (unexpected end of data)"),
        ("food.csv", '"173032","sr_legacy_food","Goji', 5,
         "cannot split the line into fields (unexpected end of data)"),
        ("food_portion.csv", '"6","173032","1"', 7, "expected 11 fields, found 3"),
    ],
)  # fmt: skip
def test_truncated_file_reports_its_last_line(sr_legacy, name, keep, line, message):
    path = sr_legacy / name
    text = path.read_text()
    path.write_text(text[: text.index(keep) + len(keep)])

    assert read_error(sr_legacy) == (name, line, message)


def test_text_that_is_not_utf_8_is_reported_with_its_line(sr_legacy):
    path = sr_legacy / "food.csv"
    path.write_bytes(path.read_bytes().replace(b"Goji", b"G\xf6ji"))

    assert read_error(sr_legacy) == (
        "food.csv",
        5,
        "cannot be read as UTF-8 text (invalid start byte)",
    )


def test_first_bad_line_is_reported_whatever_the_kind_of_problem(sr_legacy):
    edit(sr_legacy, "food_nutrient.csv", '"170556","1091"', '"170556","1090"')  # line 18
    edit(sr_legacy, "food_nutrient.csv", '"136","12"', '"x","12"')  # line 5

    assert read_error(sr_legacy) == ("food_nutrient.csv", 5, "amount 'x' is not a number")


@pytest.mark.slow
def test_full_sr28_release_written_as_fdc_reads_as_the_same_foods(full_sr28_as_fdc):
    def normalised(records):
        return [(food.fdc_id, food.name, food.category, food.nutrients, food.portions) for food in records]

    sr28 = [food for food in read_release(FULL_SR28_RELEASE) if food.fdc_id]
    assert len(sr28) == 7488
    assert normalised(read_download(full_sr28_as_fdc)) == normalised(sr28)
