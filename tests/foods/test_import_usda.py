import csv
import io
import subprocess
import sys
import time
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from foods.importing import saving
from foods.models import Food, Portion, Source
from tests.foods.samples import (
    FDC_FOUNDATION_SAMPLE,
    FDC_SR_LEGACY_SAMPLE,
    FULL_SR28_RELEASE,
    edit,
)


def run(folder: Path, stderr: io.StringIO | None = None) -> str:
    """Standard output of import_usda; its last line holds the counts."""
    out = io.StringIO()
    call_command("import_usda", str(folder), stdout=out, stderr=stderr or io.StringIO())
    return out.getvalue()


def database() -> tuple[list[dict], list[dict]]:
    return list(Food.objects.order_by("pk").values()), list(Portion.objects.order_by("pk").values())


def food(ndb: str) -> Food:
    return Food.objects.get(source=Source.USDA_SR28, source_id=ndb)


def portions(food: Food) -> list[tuple[int, str, D]]:
    return list(food.portions.values_list("seq", "description", "grams"))


@pytest.mark.django_db
def test_import_creates_foods_with_nutrients_and_fdc_ids(release):
    run(release)

    seeds = food("12014")
    assert seeds.name == "Seeds, pumpkin and squash seed kernels, dried"
    assert seeds.category == "Nut and Seed Products"
    assert seeds.fdc_id == 170556
    assert (seeds.magnesium_mg, seeds.phosphorus_mg, seeds.vitamin_k_ug) == (D("592"), D("1233"), D("7.3"))
    assert seeds.is_active
    assert food("11458").magnesium_mg == D("87")
    assert food("18637").fdc_id is None


@pytest.mark.django_db
def test_import_keeps_missing_nutrients_unknown(release):
    run(release)

    coating = food("18637")
    assert coating.magnesium_mg is None
    assert coating.vitamin_d_ug is None
    assert coating.sodium_mg == D("2182")
    assert food("11458").vitamin_d_ug == D("0")  # measured zero


@pytest.mark.django_db
def test_import_creates_portions(release):
    run(release)

    portions = Portion.objects.filter(food__source_id__in=["01036", "12014"]).order_by(
        "food__source_id", "seq"
    )
    assert [(p.food.source_id, p.seq, p.description, p.grams) for p in portions] == [
        ("01036", 1, "0.5 cup", D("124")),
        ("01036", 2, "1 cup", D("246")),
        ("12014", 1, "1 cup", D("129")),
        ("12014", 2, "1 oz", D("28.35")),
    ]


@pytest.mark.django_db
def test_output_shows_progress_and_counts(release):
    output = run(release)

    assert "Read NUT_DATA.txt: 323 rows, 29 kept (9 tracked nutrients)" in output
    assert "Foods created: 4 of 4" in output
    assert output.splitlines()[-1] == (
        "Foods: 4 created, 0 updated, 0 unchanged. Magnesium known for 3; FDC id for 3. "
        "Portions: 6 created, 0 updated, 0 unchanged."
    )


@pytest.mark.django_db
def test_second_run_creates_and_changes_nothing(release):
    run(release)
    before = database()

    output = run(release)

    assert database() == before  # updated_at included
    assert output.splitlines()[-1] == (
        "Foods: 0 created, 0 updated, 4 unchanged. Magnesium known for 3; FDC id for 3. "
        "Portions: 0 created, 0 updated, 6 unchanged."
    )


@pytest.mark.django_db
def test_changed_values_are_updated_in_place(release):
    run(release)
    seeds_before, spinach_before = food("12014"), food("11458")
    edit(release, "NUT_DATA.txt", "~12014~^~304~^592^", "~12014~^~304~^600.5^")
    edit(release, "WEIGHT.txt", "~12014~^2^1^~oz~^28.35^", "~12014~^2^1^~oz~^28.4^")

    output = run(release)

    seeds = food("12014")
    assert (seeds.pk, seeds.magnesium_mg) == (seeds_before.pk, D("600.5"))
    assert seeds.updated_at > seeds_before.updated_at
    assert food("11458").updated_at == spinach_before.updated_at
    assert seeds.portions.get(seq=2).grams == D("28.4")
    assert (Food.objects.count(), Portion.objects.count()) == (4, 6)
    assert output.splitlines()[-1] == (
        "Foods: 0 created, 1 updated, 3 unchanged. Magnesium known for 3; FDC id for 3. "
        "Portions: 0 created, 1 updated, 5 unchanged."
    )


@pytest.mark.django_db
def test_nutrient_dropped_from_the_release_becomes_unknown(release):
    run(release)
    edit(release, "NUT_DATA.txt", "~12014~^~304~^592^", "~12014~^~204~^592^")  # now an untracked nutrient

    run(release)

    assert food("12014").magnesium_mg is None


@pytest.mark.django_db
def test_fdc_ids_can_move_between_foods_on_a_later_run(release):
    run(release)
    edit(release, "NDB_TO_FDC.csv", "01036,170851\r\n11458,168463", "01036,168463\r\n11458,170851")

    run(release)

    assert (food("01036").fdc_id, food("11458").fdc_id) == (168463, 170851)


@pytest.mark.django_db
def test_fdc_id_of_another_food_is_left_with_it(release):
    custom = Food.objects.create(
        name="My pumpkin seeds", source=Source.CUSTOM, source_id="12014", fdc_id=170556
    )

    warnings = io.StringIO()

    output = run(release, stderr=warnings)

    assert f"NDB 12014: FDC id 170556 already belongs to food #{custom.pk}" in warnings.getvalue()
    assert "FDC id for 2." in output
    assert food("12014").fdc_id is None
    custom.refresh_from_db()
    assert (custom.source, custom.fdc_id) == (Source.CUSTOM, 170556)
    assert run(release).splitlines()[-1].startswith("Foods: 0 created, 0 updated, 4 unchanged.")


@pytest.mark.django_db
def test_food_missing_from_the_release_is_left_alone_with_its_fdc_id(release):
    old = Food.objects.create(name="Withdrawn", source=Source.USDA_SR28, source_id="99999", fdc_id=170556)
    warnings = io.StringIO()

    output = run(release, stderr=warnings)

    assert "1 USDA SR28 foods are not in this release; left as they are." in output
    assert "NDB 12014: FDC id 170556 already belongs to food" in warnings.getvalue()
    assert Food.objects.get(pk=old.pk).fdc_id == 170556
    assert Food.objects.count() == 5


@pytest.mark.django_db
def test_portions_missing_from_a_later_release_are_kept(release):
    run(release)
    edit(release, "WEIGHT.txt", "~12014~^2^1^~oz~^28.35^^\r\n", "")

    run(release)

    assert list(food("12014").portions.values_list("seq", flat=True)) == [1, 2]


def truncate_mid_line(folder):
    path = folder / "NUT_DATA.txt"
    path.write_bytes(path.read_bytes()[:-30])


BAD_RELEASES = [
    pytest.param(
        truncate_mid_line, "NUT_DATA.txt line 323: expected 18 fields, found 4", id="truncated-mid-line"
    ),
    pytest.param(
        lambda folder: edit(folder, "WEIGHT.txt", "~cup~^246^^", "~cup~^246^^^1^^"),
        "WEIGHT.txt line 2: expected 7 fields, found 10",
        id="extra-fields",
    ),
    pytest.param(
        lambda folder: edit(folder, "NUT_DATA.txt", "~12014~^~304~^592^", "~12014~^~304~^5 92^"),
        "NUT_DATA.txt line 204: Nutr_Val '5 92' is not a number",
        id="non-numeric-value",
    ),
    pytest.param(
        lambda folder: (folder / "WEIGHT.txt").unlink(),
        "WEIGHT.txt: file not found in ",
        id="missing-file",
    ),
    pytest.param(
        lambda folder: edit(folder, "WEIGHT.txt", "~11458~^1^", "~11459~^1^"),
        "WEIGHT.txt line 3: NDB_No '11459' is not in FOOD_DES.txt",
        id="unknown-ndb-in-weight",
    ),
    pytest.param(
        lambda folder: edit(folder, "NDB_TO_FDC.csv", "12014,", "12015,"),
        "NDB_TO_FDC.csv line 4: NDB_No '12015' is not in FOOD_DES.txt",
        id="unknown-ndb-in-fdc-map",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("imported_before", [False, True], ids=["empty-db", "after-good-import"])
@pytest.mark.parametrize(("spoil", "message"), BAD_RELEASES)
def test_bad_release_fails_and_writes_nothing(release, spoil, message, imported_before):
    if imported_before:
        run(release)
    # A good change next to the bad line must not be saved either.
    edit(release, "FOOD_DES.txt", "~Spinach, cooked,", "~Spinach, boiled,")
    spoil(release)

    assert_fails_and_writes_nothing(release, message)


def assert_fails_and_writes_nothing(folder: Path, message: str) -> None:
    before = database()

    with pytest.raises(CommandError) as error:
        run(folder)

    assert str(error.value).startswith(message)
    assert str(error.value).endswith("Nothing was imported.")
    assert database() == before


@pytest.mark.django_db
@pytest.mark.parametrize("imported_before", [False, True], ids=["empty-db", "after-good-import"])
def test_failure_while_saving_portions_rolls_back_the_foods(release, monkeypatch, imported_before):
    if imported_before:
        run(release)
        edit(release, "NUT_DATA.txt", "~12014~^~304~^592^", "~12014~^~304~^600^")
    before = database()

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(saving, "save_portions", fail)
    with pytest.raises(RuntimeError):
        run(release)

    assert database() == before


def command_line(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "import_usda", str(folder)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_command_line_exits_non_zero_on_a_bad_release(release):
    (release / "FD_GROUP.txt").unlink()

    result = command_line(release)

    assert result.returncode == 1
    assert f"FD_GROUP.txt: file not found in {release}. Nothing was imported." in result.stderr


@pytest.mark.slow
@pytest.mark.django_db
def test_full_release_imports_every_food():
    if not FULL_SR28_RELEASE.is_dir():
        pytest.skip(f"no SR28 release at {FULL_SR28_RELEASE}")
    with open(FULL_SR28_RELEASE / "NDB_TO_FDC.csv", newline="") as mapping:
        fdc_id = next(int(row["fdc_id"]) for row in csv.DictReader(mapping) if row["NDB_No"] == "12014")

    started = time.perf_counter()
    first = run(FULL_SR28_RELEASE)
    first_seconds = time.perf_counter() - started
    counts = (
        Food.objects.count(),
        Food.objects.filter(magnesium_mg__isnull=False).count(),
        Food.objects.filter(fdc_id__isnull=False).count(),
        Portion.objects.count(),
    )
    second = run(FULL_SR28_RELEASE)

    assert counts == (8789, 8050, 7488, 15438)
    assert first_seconds < 60
    assert first.splitlines()[-1] == (
        "Foods: 8,789 created, 0 updated, 0 unchanged. Magnesium known for 8,050; FDC id for 7,488. "
        "Portions: 15,438 created, 0 updated, 0 unchanged."
    )
    seeds = food("12014")
    assert (seeds.magnesium_mg, seeds.fdc_id) == (D("592"), fdc_id)
    assert second.splitlines()[-1] == (
        "Foods: 0 created, 0 updated, 8,789 unchanged. Magnesium known for 8,050; FDC id for 7,488. "
        "Portions: 0 created, 0 updated, 15,438 unchanged."
    )
    assert (
        Food.objects.count(),
        Food.objects.filter(magnesium_mg__isnull=False).count(),
        Food.objects.filter(fdc_id__isnull=False).count(),
        Portion.objects.count(),
    ) == counts


# FoodData Central CSV downloads: the same loader, foods matched to SR28 ones by FDC id.


def fdc_food(fdc_id: int) -> Food:
    return Food.objects.get(fdc_id=fdc_id)


@pytest.mark.django_db
def test_fdc_sr_legacy_download_imports_foods_nutrients_and_portions(sr_legacy):
    output = run(sr_legacy)

    goji = fdc_food(173032)
    assert (goji.source, goji.source_id, goji.name, goji.category) == (
        Source.USDA_FDC,
        "173032",
        "Goji berries, dried",
        "Fruits and Fruit Juices",
    )
    assert (goji.magnesium_mg, goji.potassium_mg, goji.calcium_mg) == (None, None, D("190"))
    assert portions(goji) == [(1, "5 tbsp", D("28"))]
    assert fdc_food(170556).magnesium_mg == D("592")
    assert portions(fdc_food(170556)) == [(1, "1 cup", D("129")), (2, "1 oz", D("28.35"))]
    assert "Read food.csv: 4 foods to import (sr_legacy_food 4)" in output
    assert output.splitlines()[-1] == (
        "Foods: 4 created, 0 updated, 0 unchanged. Magnesium known for 3; FDC id for 4. "
        "Portions: 6 created, 0 updated, 0 unchanged."
    )


@pytest.mark.django_db
def test_fdc_foundation_download_imports_its_foods_and_skips_other_data_types(foundation):
    output = run(foundation)

    hummus, tomatoes = fdc_food(321358), fdc_food(321360)
    assert Food.objects.count() == 2
    assert (hummus.name, hummus.category) == ("Hummus, commercial", "Legumes and Legume Products")
    assert (hummus.magnesium_mg, hummus.energy_kcal, hummus.vitamin_d_ug) == (D("71.1"), D("243"), None)
    assert tomatoes.energy_kcal == D("27")
    assert portions(hummus) == [(1, "2 tablespoon", D("33.9"))]
    assert portions(tomatoes) == [(1, "5 tomatoes", D("49.7")), (2, "1 cup", D("152"))]
    assert "skipped 2 foods of other data types (sample_food 2)" in output
    assert output.splitlines()[-1].startswith("Foods: 2 created, 0 updated, 0 unchanged.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sample", "foods", "portion_count"),
    [(FDC_SR_LEGACY_SAMPLE, 4, 6), (FDC_FOUNDATION_SAMPLE, 2, 3)],
    ids=["sr-legacy", "foundation"],
)
def test_second_fdc_import_changes_nothing(sample, foods, portion_count):
    run(sample)
    before = database()

    output = run(sample)

    assert database() == before  # updated_at included
    assert output.splitlines()[-1].startswith(f"Foods: 0 created, 0 updated, {foods} unchanged.")
    assert output.splitlines()[-1].endswith(f"Portions: 0 created, 0 updated, {portion_count} unchanged.")


@pytest.mark.django_db
def test_fdc_food_matching_an_sr28_food_by_fdc_id_is_updated_in_place(release, sr_legacy):
    run(release)
    before = {food.fdc_id: food for food in Food.objects.exclude(fdc_id=None)}
    edit(sr_legacy, "food_nutrient.csv", '"170556","1090","592"', '"170556","1090","600.5"')
    edit(sr_legacy, "food_portion.csv", '"1","9999","","oz","28.35"', '"1","9999","","oz","28.4"')

    output = run(sr_legacy)

    seeds = fdc_food(170556)
    assert (seeds.pk, seeds.source, seeds.source_id) == (before[170556].pk, Source.USDA_SR28, "12014")
    assert seeds.magnesium_mg == D("600.5")
    assert seeds.updated_at > before[170556].updated_at
    assert portions(seeds) == [(1, "1 cup", D("129")), (2, "1 oz", D("28.4"))]
    assert fdc_food(170851).updated_at == before[170851].updated_at  # nothing to change
    # One new food (goji berries), no duplicates.
    assert sorted(Food.objects.values_list("source", "source_id")) == [
        (Source.USDA_FDC, "173032"),
        (Source.USDA_SR28, "01036"),
        (Source.USDA_SR28, "11458"),
        (Source.USDA_SR28, "12014"),
        (Source.USDA_SR28, "18637"),
    ]
    assert Portion.objects.count() == 7
    assert (
        "3 foods matched by FDC id to USDA SR28 foods already in the database: "
        "imported into those, which keep their source." in output
    )
    assert output.splitlines()[-1] == (
        "Foods: 1 created, 1 updated, 2 unchanged. Magnesium known for 3; FDC id for 4. "
        "Portions: 1 created, 1 updated, 4 unchanged."
    )


@pytest.mark.django_db
def test_sr28_food_matching_an_fdc_food_by_fdc_id_is_updated_in_place(release, sr_legacy):
    run(sr_legacy)
    ricotta = fdc_food(170851)

    output = run(release)

    assert Food.objects.get(pk=ricotta.pk).source == Source.USDA_FDC
    assert Food.objects.count() == 5  # the FDC foods and the coating mix, which has no FDC id
    assert "3 foods matched by FDC id to USDA FoodData Central foods already in the database" in output
    assert output.splitlines()[-1].startswith("Foods: 1 created, 0 updated, 3 unchanged.")


@pytest.mark.django_db
def test_alternating_sr28_and_fdc_imports_change_nothing(release, sr_legacy, foundation):
    for folder in (release, sr_legacy, foundation):
        run(folder)
    before = database()

    for folder in (release, sr_legacy, foundation, release):
        run(folder)

    assert database() == before
    assert len(before[0]) == 7


@pytest.mark.django_db
def test_fdc_id_of_a_custom_food_is_left_with_it_by_an_fdc_import(sr_legacy):
    custom = Food.objects.create(name="My pumpkin seeds", source=Source.CUSTOM, fdc_id=170556)
    warnings = io.StringIO()

    output = run(sr_legacy, stderr=warnings)

    assert warnings.getvalue().startswith(f"FDC 170556: FDC id 170556 already belongs to food #{custom.pk}")
    assert "FDC id for 3." in output
    seeds = Food.objects.get(source=Source.USDA_FDC, source_id="170556")
    assert (seeds.fdc_id, seeds.magnesium_mg) == (None, D("592"))
    assert Food.objects.get(pk=custom.pk).fdc_id == 170556
    assert run(sr_legacy).splitlines()[-1].startswith("Foods: 0 created, 0 updated, 4 unchanged.")


def truncate_fdc_mid_line(folder):
    path = folder / "food_nutrient.csv"
    path.write_bytes(path.read_bytes()[:-20])


BAD_DOWNLOADS = [
    pytest.param(
        lambda folder: edit(folder, "food_nutrient.csv", '"amount"', '"value"'),
        "food_nutrient.csv line 1: no column amount in the header",
        id="missing-column",
    ),
    pytest.param(
        lambda folder: edit(folder, "food_nutrient.csv", '"170556","1090","592"', '"170556","1090","5 92"'),
        "food_nutrient.csv line 17: amount '5 92' is not a number",
        id="non-numeric-amount",
    ),
    pytest.param(
        lambda folder: edit(folder, "food_nutrient.csv", '"170556","1090"', '"170557","1090"'),
        "food_nutrient.csv line 17: fdc_id '170557' is not in food.csv",
        id="unknown-fdc-id-in-food-nutrient",
    ),
    pytest.param(
        lambda folder: edit(folder, "food_portion.csv", '"3","170556"', '"3","170557"'),
        "food_portion.csv line 4: fdc_id '170557' is not in food.csv",
        id="unknown-fdc-id-in-food-portion",
    ),
    pytest.param(
        truncate_fdc_mid_line,
        "food_nutrient.csv line 39: cannot split the line into fields (unexpected end of data)",
        id="truncated-mid-line",
    ),
    pytest.param(
        lambda folder: edit(folder, "nutrient.csv", '"Magnesium, Mg","MG"', '"Magnesium, Mg","UG"'),
        "nutrient.csv line 6: nutrient 1090 (Magnesium, Mg) is in 'UG', expected MG",
        id="unit-mismatch",
    ),
    pytest.param(
        lambda folder: (folder / "measure_unit.csv").unlink(),
        "measure_unit.csv: file not found in ",
        id="missing-file",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("imported_before", [False, True], ids=["empty-db", "after-good-import"])
@pytest.mark.parametrize(("spoil", "message"), BAD_DOWNLOADS)
def test_bad_fdc_download_fails_and_writes_nothing(sr_legacy, release, spoil, message, imported_before):
    if imported_before:
        run(release)
        run(sr_legacy)
    # A good change next to the bad line must not be saved either.
    edit(sr_legacy, "food.csv", "Goji berries, dried", "Goji berries, dried, organic")
    spoil(sr_legacy)

    assert_fails_and_writes_nothing(sr_legacy, message)


def test_command_line_exits_non_zero_on_a_bad_fdc_download(sr_legacy):
    edit(sr_legacy, "food_portion.csv", '"28.35"', '"28.35g"')

    result = command_line(sr_legacy)

    assert result.returncode == 1
    assert (
        "food_portion.csv line 4: gram_weight '28.35g' is not a number. Nothing was imported."
        in result.stderr
    )


@pytest.mark.django_db
def test_folder_format_is_told_by_its_files(tmp_path, release, sr_legacy):
    (release / "food.csv").write_bytes((sr_legacy / "food.csv").read_bytes())

    with pytest.raises(CommandError, match="has both FOOD_DES.txt and food.csv"):
        run(release)
    with pytest.raises(CommandError, match=f"^{tmp_path}: no FOOD_DES.txt or food.csv: expected a USDA SR28"):
        run(tmp_path)
    with pytest.raises(
        CommandError, match=f"^{tmp_path / 'nowhere'}: no such folder. Nothing was imported.$"
    ):
        run(tmp_path / "nowhere")
    assert not Food.objects.exists()


@pytest.mark.slow
@pytest.mark.django_db
def test_full_sr28_release_as_fdc_download_updates_the_sr28_foods_in_place(full_sr28_as_fdc):
    run(FULL_SR28_RELEASE)
    before = database()

    started = time.perf_counter()
    output = run(full_sr28_as_fdc)
    seconds = time.perf_counter() - started

    assert seconds < 60
    assert database() == before
    assert output.splitlines()[-1] == (
        "Foods: 0 created, 0 updated, 7,488 unchanged. Magnesium known for 7,135; FDC id for 7,488. "
        "Portions: 0 created, 0 updated, 13,755 unchanged."
    )
