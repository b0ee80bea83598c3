from decimal import Decimal as D

import pytest

from foods.importing.records import PortionRecord, portion_description
from foods.importing.sr28 import SR_NUTRIENTS, read_release
from foods.importing.tables import UsdaFormatError
from foods.models import NUTRIENT_FIELDS
from tests.foods.samples import edit


def foods_by_ndb(folder):
    return {food.source_id: food for food in read_release(folder)}


def test_reads_every_food_in_file_order_with_name_and_category(sr28_sample):
    foods = read_release(sr28_sample)

    assert [(food.source_id, food.name, food.category) for food in foods] == [
        ("01036", "Cheese, ricotta, whole milk", "Dairy and Egg Products"),
        ("11458", "Spinach, cooked, boiled, drained, without salt", "Vegetables and Vegetable Products"),
        ("12014", "Seeds, pumpkin and squash seed kernels, dried", "Nut and Seed Products"),
        ("18637", "KRAFT FOODS, SHAKE 'N' BAKE ORIGINAL RECIPE, Coating for Pork, dry", "Baked Products"),
    ]


def test_every_tracked_nutrient_maps_to_a_food_field():
    assert sorted(SR_NUTRIENTS.values()) == sorted(NUTRIENT_FIELDS)


@pytest.mark.parametrize(
    ("ndb", "field", "expected"),
    [
        ("12014", "magnesium_mg", "592"),
        ("12014", "phosphorus_mg", "1233"),
        ("12014", "vitamin_k_ug", "7.3"),
        ("12014", "fiber_g", "6.0"),
        ("11458", "magnesium_mg", "87"),
        ("11458", "potassium_mg", "466"),
        ("11458", "vitamin_k_ug", "493.6"),
        ("11458", "vitamin_d_ug", "0.0"),  # a measured zero stays zero
        ("01036", "calcium_mg", "207"),
        ("01036", "vitamin_d_ug", "0.2"),
        ("18637", "energy_kcal", "377"),
        ("18637", "sodium_mg", "2182"),
    ],
)
def test_nutrient_values_are_decimals_taken_from_the_text(sr28_sample, ndb, field, expected):
    value = foods_by_ndb(sr28_sample)[ndb].nutrients[field]

    assert isinstance(value, D)
    assert str(value) == expected


def test_nutrient_without_a_row_is_unknown_not_zero(sr28_sample):
    nutrients = foods_by_ndb(sr28_sample)["18637"].nutrients

    assert nutrients == {**dict.fromkeys(NUTRIENT_FIELDS), "energy_kcal": D("377"), "sodium_mg": D("2182")}


def test_other_nutrients_are_not_imported(sr28_sample):
    assert all(set(food.nutrients) == set(NUTRIENT_FIELDS) for food in read_release(sr28_sample))


@pytest.mark.parametrize(
    ("ndb", "portions"),
    [
        ("01036", [PortionRecord(1, "0.5 cup", D("124")), PortionRecord(2, "1 cup", D("246"))]),
        ("11458", [PortionRecord(1, "1 cup", D("180"))]),
        ("12014", [PortionRecord(1, "1 cup", D("129")), PortionRecord(2, "1 oz", D("28.35"))]),
        ("18637", [PortionRecord(1, "1 serving", D("28"))]),
    ],
)
def test_portions_come_from_weight_rows(sr28_sample, ndb, portions):
    assert foods_by_ndb(sr28_sample)[ndb].portions == portions


@pytest.mark.parametrize(
    ("amount", "measure", "expected"),
    [
        (".5", "cup", "0.5 cup"),
        ("1", "oz (142 seeds)", "1 oz (142 seeds)"),
        ("1.5", "cup, chopped", "1.5 cup, chopped"),
        ("1.0", "cup", "1 cup"),
        ("2.50", "tbsp", "2.5 tbsp"),
        ("10", "pieces", "10 pieces"),
        ("100", "g", "100 g"),
        (".333", "cup", "0.333 cup"),
        ("0.083", "lb", "0.083 lb"),
        ("1", 'pat (1" sq, 1/3" high)', '1 pat (1" sq, 1/3" high)'),
    ],
)
def test_portion_description_writes_the_amount_plainly(amount, measure, expected):
    assert portion_description(amount, measure) == expected


def test_portions_are_sorted_by_seq(release):
    weight = release / "WEIGHT.txt"
    lines = weight.read_bytes().split(b"\r\n")
    weight.write_bytes(b"\r\n".join([lines[1], lines[0], *lines[2:]]))

    assert [portion.seq for portion in foods_by_ndb(release)["01036"].portions] == [1, 2]


@pytest.mark.parametrize(
    ("ndb", "fdc_id"), [("01036", 170851), ("11458", 168463), ("12014", 170556), ("18637", None)]
)
def test_fdc_id_comes_from_ndb_to_fdc(sr28_sample, ndb, fdc_id):
    assert foods_by_ndb(sr28_sample)[ndb].fdc_id == fdc_id


def test_fdc_ids_are_optional(release):
    (release / "NDB_TO_FDC.csv").unlink()
    messages = []

    foods = read_release(release, progress=messages.append)

    assert [food.fdc_id for food in foods] == [None] * 4
    assert messages[-1] == "No FDC ids: no NDB_TO_FDC.csv"


def test_ndb_number_without_leading_zero_is_matched(release):
    edit(release, "NDB_TO_FDC.csv", "01036,", "1036,")

    assert foods_by_ndb(release)["01036"].fdc_id == 170851


def test_progress_reports_each_file(sr28_sample):
    messages = []

    read_release(sr28_sample, progress=messages.append)

    assert messages == [
        "Read FD_GROUP.txt: 4 food groups",
        "Read FOOD_DES.txt: 4 foods",
        "Read NUT_DATA.txt: 323 rows, 29 kept (9 tracked nutrients)",
        "Read WEIGHT.txt: 6 portions",
        "Read NDB_TO_FDC.csv: 3 FDC ids",
    ]


@pytest.mark.parametrize("name", ["FOOD_DES.txt", "FD_GROUP.txt", "NUT_DATA.txt", "WEIGHT.txt"])
def test_missing_file_is_named(release, name):
    (release / name).unlink()

    with pytest.raises(UsdaFormatError) as error:
        read_release(release)

    assert (error.value.file, error.value.line) == (name, None)
    assert str(error.value) == f"{name}: file not found in {release}"


def test_missing_folder_is_an_error(tmp_path):
    with pytest.raises(UsdaFormatError, match="FD_GROUP.txt: file not found"):
        read_release(tmp_path / "nowhere")


@pytest.mark.parametrize("name", ["FOOD_DES.txt", "NUT_DATA.txt", "WEIGHT.txt", "NDB_TO_FDC.csv"])
def test_empty_file_is_an_error(release, name):
    (release / name).write_bytes(b"")

    with pytest.raises(UsdaFormatError, match=f"^{name} line 1: file is empty$"):
        read_release(release)


@pytest.mark.parametrize(
    ("name", "keep", "line", "message"),
    [
        # cut inside a number of the last line
        ("NUT_DATA.txt", "~18637~^~307~^21", 323, "expected 18 fields, found 3"),
        # cut inside a text field of the last line (which has no line break in SR28)
        (
            "FOOD_DES.txt",
            "~18637~^~1800~^~KRAFT FOO",
            4,
            "cannot split the line into fields (unexpected end of data)",
        ),
        # cut right after a field separator
        ("WEIGHT.txt", "~18637~^1^1^~serving~^", 6, "expected 7 fields, found 5"),
        ("NDB_TO_FDC.csv", "12014,", 4, "fdc_id is empty"),
    ],
)
def test_truncated_file_reports_its_last_line(release, name, keep, line, message):
    path = release / name
    text = path.read_bytes().decode("latin-1")
    path.write_bytes(text[: text.index(keep) + len(keep)].encode("latin-1"))

    with pytest.raises(UsdaFormatError) as error:
        read_release(release)

    assert (error.value.file, error.value.line, error.value.message) == (name, line, message)


@pytest.mark.parametrize(
    ("name", "old", "new", "line", "message"),
    [
        # field counts: pandas alone would pad or drop these silently
        ("WEIGHT.txt", "~cup~^246^^", "~cup~^246^^^9", 2, "expected 7 fields, found 8"),
        ("WEIGHT.txt", "~cup~^124^^", "~cup~^124^^^", 1, "expected 7 fields, found 8"),  # pandas drops these
        ("WEIGHT.txt", "~cup~^180^^", "~cup~^180^", 3, "expected 7 fields, found 6"),
        ("FD_GROUP.txt", "~1100~^~Vegetables", "~1100~^~x~^~Vegetables", 2, "expected 2 fields, found 3"),
        ("WEIGHT.txt", "~11458~^1", "\r\n~11458~^1", 3, "expected 7 fields, found 0"),
        ("FOOD_DES.txt", "~Spinach, cooked", "~Spinach,\r\ncooked", 2, "line break inside a text field"),
        ("FOOD_DES.txt", "~Spinach, cooked, boiled", "~Spinach~ cooked, boiled", 2,
         "cannot split the line into fields ('^' expected after '~')"),
        # required fields
        ("FOOD_DES.txt", "~Spinach, cooked, boiled, drained, without salt~", "~~", 2, "Long_Desc is empty"),
        ("FOOD_DES.txt", "~11458~^~1100~", "~~^~1100~", 2, "NDB_No is empty"),
        ("FOOD_DES.txt", "~11458~^~1100~", "~11458~^~~", 2, "FdGrp_Cd is empty"),
        ("FD_GROUP.txt", "~Baked Products~", "~ ~", 4, "FdGrp_Desc is empty"),
        ("NUT_DATA.txt", "~12014~^~304~^592^", "~12014~^~304~^^", 204, "Nutr_Val is empty"),
        ("NUT_DATA.txt", "~12014~^~203~^30.23^", "~12014~^~203~^^", 183, "Nutr_Val is empty"),
        ("NUT_DATA.txt", "~12014~^~304~", "~12014~^~~", 204, "Nutr_No is empty"),
        ("WEIGHT.txt", "~oz~^28.35", "~oz~^", 5, "Gm_Wgt is empty"),
        ("WEIGHT.txt", "~oz~", "~~", 5, "Msre_Desc is empty"),
        ("WEIGHT.txt", "~12014~^2^1^", "~12014~^2^^", 5, "Amount is empty"),
        ("WEIGHT.txt", "~12014~^2^", "~12014~^^", 5, "Seq is empty"),
        # numbers
        ("NUT_DATA.txt", "~12014~^~304~^592^", "~12014~^~304~^59x2^", 204, "Nutr_Val '59x2' is not a number"),
        ("NUT_DATA.txt", "~12014~^~304~^592^", "~12014~^~304~^-1^", 204, "Nutr_Val -1 must be 0 or more"),
        ("NUT_DATA.txt", "~12014~^~304~^592^", "~12014~^~304~^5.9201^", 204,
         "Nutr_Val 5.9201 has more than 10 digits or 3 decimal places"),
        ("NUT_DATA.txt", "~12014~^~304~^592^", "~12014~^~304~^12345678^", 204,
         "Nutr_Val 12345678 has more than 10 digits or 3 decimal places"),
        ("WEIGHT.txt", "~oz~^28.35", "~oz~^0", 5, "Gm_Wgt 0 must be more than 0"),
        ("WEIGHT.txt", "~oz~^28.35", "~oz~^-28.35", 5, "Gm_Wgt -28.35 must be more than 0"),
        ("WEIGHT.txt", "~oz~^28.35", "~oz~^28,35", 5, "Gm_Wgt '28,35' is not a number"),
        ("WEIGHT.txt", "~oz~^28.35", "~oz~^28.3501", 5,
         "Gm_Wgt 28.3501 has more than 9 digits or 3 decimal places"),
        ("WEIGHT.txt", "~12014~^2^1^", "~12014~^2^0^", 5, "Amount 0 must be more than 0"),
        ("WEIGHT.txt", "~12014~^2^1^", "~12014~^2^one^", 5, "Amount 'one' is not a number"),
        ("WEIGHT.txt", "~12014~^2^", "~12014~^2.5^", 5, "Seq '2.5' is not a whole number from 1 to 32,767"),
        ("WEIGHT.txt", "~12014~^2^", "~12014~^0^", 5, "Seq '0' is not a whole number from 1 to 32,767"),
        ("NDB_TO_FDC.csv", "12014,170556", "12014,abc", 4,
         "fdc_id 'abc' is not a whole number from 1 to 2,147,483,647"),
        ("NDB_TO_FDC.csv", "12014,170556", "12014,3000000000", 4,
         "fdc_id '3000000000' is not a whole number from 1 to 2,147,483,647"),
        # references and keys
        ("FOOD_DES.txt", "~11458~^~1100~", "~11458~^~9900~", 2, "unknown food group FdGrp_Cd '9900'"),
        ("FOOD_DES.txt", "~11458~^", "~01036~^", 2, "duplicate NDB_No '01036'"),
        ("FOOD_DES.txt", "~11458~^", "~1145~^", 2, "NDB_No '1145' is not 5 digits"),
        ("FD_GROUP.txt", "~1100~", "~0100~", 2, "duplicate FdGrp_Cd '0100'"),
        ("NUT_DATA.txt", "~12014~^~304~", "~99999~^~304~", 204, "NDB_No '99999' is not in FOOD_DES.txt"),
        ("NUT_DATA.txt", "~12014~^~305~", "~12014~^~304~", 205, "duplicate nutrient 304 for NDB_No 12014"),
        ("WEIGHT.txt", "~12014~^2^", "~99999~^2^", 5, "NDB_No '99999' is not in FOOD_DES.txt"),
        ("WEIGHT.txt", "~12014~^2^", "~12014~^1^", 5, "duplicate Seq 1 for NDB_No 12014"),
        ("NDB_TO_FDC.csv", "12014,", "99999,", 4, "NDB_No '99999' is not in FOOD_DES.txt"),
        ("NDB_TO_FDC.csv", "12014,170556", "12014,168463", 4, "duplicate fdc_id 168463"),
        ("NDB_TO_FDC.csv", "12014,", "11458,", 4, "duplicate NDB_No '11458'"),
        ("NDB_TO_FDC.csv", "NDB_No,fdc_id", "ndb,fdc", 1, "expected the header NDB_No,fdc_id"),
        ("NDB_TO_FDC.csv", "12014,170556", "12014,170556,1", 4, "expected 2 fields, found 3"),
        # lengths the database columns allow
        ("FOOD_DES.txt", "~Spinach, cooked", "~" + "x" * 250 + "Spinach, cooked", 2,
         "Long_Desc is longer than 255 characters"),
        ("WEIGHT.txt", "~oz~", "~" + "x" * 255 + "~", 5, "description is longer than 255 characters"),
    ],
)  # fmt: skip
def test_bad_line_is_reported_with_file_and_line(release, name, old, new, line, message):
    edit(release, name, old, new)

    with pytest.raises(UsdaFormatError) as error:
        read_release(release)

    assert (error.value.file, error.value.line, error.value.message) == (name, line, message)
    assert str(error.value) == f"{name} line {line}: {message}"


def test_first_bad_line_is_reported_whatever_the_kind_of_problem(release):
    edit(release, "WEIGHT.txt", "~12014~^2^", "~99999~^2^")  # line 5
    edit(release, "WEIGHT.txt", "~11458~^1^1^~cup~^180^", "~11458~^1^1^~cup~^0^")  # line 3

    with pytest.raises(UsdaFormatError, match=r"^WEIGHT.txt line 3: Gm_Wgt 0 must be more than 0$"):
        read_release(release)


def test_text_is_read_as_latin_1(release):
    edit(release, "FOOD_DES.txt", "Cheese, ricotta", "Fromage, ricotta à l'été")

    assert foods_by_ndb(release)["01036"].name == "Fromage, ricotta à l'été, whole milk"
