"""Importing Cronometer's "Servings" export: preview, confirm, all or nothing, once only
(issue 17, acceptance 3), supplements only as the user confirms them."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from core.jobs import FAILED_MESSAGE, NOT_QUEUED_MESSAGE, JobStatus
from foods.models import Food, ReviewStatus, Source
from foods.search import visible_foods
from tests.factories import make_entry, make_food
from tracker.importing import reading, saving
from tracker.importing.forms import key_of
from tracker.models import MAX_ENTRIES_PER_DAY, IntakeEntry, LogImport, SupplementEntry
from tracker.summary import day_summary
from tracker.tasks import import_log, remove_old_log_imports

HEADER = [
    "Day",
    "Time",
    "Group",
    "Food Name",
    "Amount",
    "Category",
    "Energy (kcal)",
    "Magnesium (mg)",
    "Calcium (mg)",
    "Phosphorus (mg)",
    "Potassium (mg)",
    "Sodium (mg)",
    "Vitamin D (IU)",
    "Vitamin K (µg)",
    "Fiber (g)",
]
FIRST_DAY = date(2026, 3, 1)
# Foods as Cronometer names them, with their values per 100 g (Mg, Ca, P, K, D in IU, K1).
FOODS = [
    ("Pumpkin Seeds, Roasted", "Nuts and Seeds", "Breakfast", "550", "52", "1174", "788", "0", "4.5"),
    ("Spinach, Boiled", "Vegetables and Vegetable Products", "Lunch", "87", "136", "56", "466", "0", "493.6"),
    ("Black Beans, Cooked", "Legumes", "Dinner", "70", "27", "140", "355", "", ""),
    ("Dark Chocolate 70-85%", "Sweets", "Snacks", "228", "73", "308", "715", "", "7.3"),
]


def cronometer_rows(days=30, first=FIRST_DAY):
    """A month of servings by weight, their values for the amount eaten (as Cronometer writes
    them, to two decimals), and the day totals of magnesium the file holds."""
    rows, totals = [], {}
    for offset in range(days):
        day = first + timedelta(days=offset)
        totals[day] = Decimal(0)
        for index, (name, category, group, mg, ca, p, k, d, k1) in enumerate(FOODS):
            grams = Decimal(20 + (offset * 7 + index * 13) % 90) + Decimal("0.35")
            values = [
                (Decimal(v) * grams / 100).quantize(Decimal("0.01")) if v else ""
                for v in (mg, ca, p, k, d, k1)
            ]
            totals[day] += values[0]
            rows.append(
                [
                    day.isoformat(),
                    "",
                    group,
                    name,
                    f"{grams} g",
                    category,
                    "123.4",
                    *values[:4],
                    "12.5",
                    values[4],
                    values[5],
                    "1.5",
                ]
            )
    return rows, totals


def cronometer_row(day, group, name, amount, category, energy="", magnesium="", vitamin_d_iu="") -> list[str]:
    """A row of HEADER's columns; the others empty (unknown)."""
    cells = dict.fromkeys(HEADER, "")
    cells.update({"Day": day, "Group": group, "Food Name": name, "Amount": amount, "Category": category})
    cells.update({"Energy (kcal)": energy, "Magnesium (mg)": magnesium, "Vitamin D (IU)": vitamin_d_iu})
    return list(cells.values())


def csv_bytes(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def upload(client, data: bytes, fmt="cronometer", name="servings.csv"):
    return client.post(
        reverse("tracker:import"), {"format": fmt, "file": SimpleUploadedFile(name, data, "text/csv")}
    )


def confirm(client, response, **fields):
    assert response.status_code == 302, response.content.decode()[:2000]
    confirmed = client.post(response.url, fields)
    assert confirmed.status_code == 302, confirmed.content.decode()[-3000:]
    return confirmed


@pytest.mark.django_db
def test_a_month_of_cronometer_imports_with_the_files_day_totals_and_once_only(alice_client, user):
    rows, totals = cronometer_rows()
    data = csv_bytes(rows)

    preview = alice_client.get(upload(alice_client, data).url)
    assert "120 food entries on 30 days" in preview.content.decode()
    assert IntakeEntry.objects.count() == 0  # nothing saved before confirming

    confirm(alice_client, upload(alice_client, data))
    job = LogImport.objects.get(user=user, is_confirmed=True)
    assert job.status == JobStatus.DONE, job.message
    assert IntakeEntry.objects.filter(user=user).count() == 120
    for day, total in totals.items():
        assert abs(day_summary(user, day).food_magnesium_mg - total) <= 1, day

    # Again: the preview says so, and confirming adds nothing.
    again = upload(alice_client, data)
    again_page = alice_client.get(again.url).content.decode()
    assert "120 already imported" in again_page
    assert "Nothing new to import" in again_page and "Confirm and import" not in again_page
    confirm(alice_client, again)
    assert IntakeEntry.objects.filter(user=user).count() == 120
    assert "120 already imported" in LogImport.objects.filter(user=user).first().message


@pytest.mark.django_db
def test_a_file_with_one_bad_row_writes_nothing_and_names_the_row(alice_client, user):
    rows, _ = cronometer_rows()
    rows[41][7] = "lots"  # line 43: the header is line 1
    response = upload(alice_client, csv_bytes(rows))
    assert response.status_code == 200  # the form again, with the problem
    page = response.content.decode()
    assert "Line 43: Magnesium (mg) “lots” is not a number" in page
    assert "nothing was saved" in page
    assert IntakeEntry.objects.count() == 0 and Food.objects.count() == 0 and LogImport.objects.count() == 0


@pytest.mark.django_db
def test_each_imported_entry_carries_the_files_values_and_an_imported_private_food(alice_client, user):
    rows = [
        [
            "2026-03-02",
            "08:10",
            "Breakfast",
            "Pumpkin Seeds, Roasted",
            "28.35 g",
            "Nuts and Seeds",
            "163.5",
            "155.93",
            "14.74",
            "332.83",
            "223.4",
            "2.27",
            "40",
            "1.28",
            "",
        ],
    ]
    confirm(alice_client, upload(alice_client, csv_bytes(rows)))
    entry = IntakeEntry.objects.get(user=user)
    assert (entry.date, entry.meal, entry.amount_g) == (date(2026, 3, 2), "breakfast", Decimal("28.35"))
    assert entry.magnesium_mg == Decimal("155.93") and entry.calcium_mg == Decimal("14.74")
    assert entry.vitamin_d_ug == Decimal("1.000")  # 40 IU ÷ 40
    assert entry.fiber_g is None  # empty: unknown, never 0
    food = entry.food
    assert (food.source, food.status, food.created_by) == (Source.IMPORTED, ReviewStatus.PRIVATE, user)
    assert food.magnesium_mg == Decimal("550.018")  # 155.93 mg in 28.35 g, per 100 g
    assert food.fiber_g is None


@pytest.mark.django_db
def test_an_imported_food_is_private_and_never_suggested(alice_client, user, other_user, client):
    rows, _ = cronometer_rows(days=1)
    confirm(alice_client, upload(alice_client, csv_bytes(rows)))
    food = Food.objects.get(name="Spinach, Boiled")
    assert not visible_foods(other_user).filter(pk=food.pk).exists()
    assert visible_foods(user).filter(pk=food.pk).exists()
    alice_client.post(reverse("foods:custom_suggest", args=[food.pk]))
    food.refresh_from_db()
    assert food.status == ReviewStatus.PRIVATE


@pytest.mark.django_db
def test_the_same_name_in_a_later_file_is_the_same_imported_food(alice_client, user):
    first, _ = cronometer_rows(days=2)
    second, _ = cronometer_rows(days=2, first=date(2026, 4, 1))
    confirm(alice_client, upload(alice_client, csv_bytes(first)))
    confirm(alice_client, upload(alice_client, csv_bytes(second)))
    assert Food.objects.filter(created_by=user, source=Source.IMPORTED).count() == len(FOODS)
    assert IntakeEntry.objects.filter(user=user).count() == 16


@pytest.mark.django_db
def test_two_identical_servings_on_a_day_are_two_entries_and_import_once(alice_client, user):
    row = [
        "2026-03-02",
        "",
        "Snacks",
        "Dark Chocolate 70-85%",
        "10 g",
        "Sweets",
        "60",
        "22.8",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    data = csv_bytes([row, row])
    confirm(alice_client, upload(alice_client, data))
    confirm(alice_client, upload(alice_client, data))
    assert IntakeEntry.objects.filter(user=user).count() == 2


@pytest.mark.django_db
def test_another_users_data_is_untouched_and_their_import_is_404(alice_client, user, other_user, client):
    food = make_food()
    make_entry(other_user, food, on=FIRST_DAY)
    rows, _ = cronometer_rows(days=3)
    response = upload(alice_client, csv_bytes(rows))
    confirm(alice_client, response)
    assert IntakeEntry.objects.filter(user=other_user).count() == 1
    client.force_login(other_user)
    assert client.get(response.url).status_code == 404
    assert client.post(response.url, {}).status_code == 404


@pytest.mark.django_db
def test_the_import_pages_need_a_login(client):
    response = client.get(reverse("tracker:import"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.django_db
def test_the_data_page_links_to_the_import(alice_client):
    assert reverse("tracker:import") in alice_client.get(reverse("accounts:export")).content.decode()


@pytest.mark.django_db
def test_a_full_day_refuses_the_whole_import(alice_client, user):
    food = make_food()
    make_entry(user, food, on=FIRST_DAY)
    IntakeEntry.objects.bulk_create(
        [IntakeEntry(user=user, food=food, date=FIRST_DAY + timedelta(days=1), amount_g=1)]
        * MAX_ENTRIES_PER_DAY
    )
    rows, _ = cronometer_rows(days=3)
    confirm(alice_client, upload(alice_client, csv_bytes(rows)))
    job = LogImport.objects.get(user=user)
    assert job.status == JobStatus.REFUSED
    assert "at most 500" in job.message and "2026-03-02" in job.message
    assert IntakeEntry.objects.filter(user=user).count() == 1 + MAX_ENTRIES_PER_DAY
    assert not Food.objects.filter(source=Source.IMPORTED).exists()


@pytest.mark.django_db
def test_confirming_twice_imports_once(alice_client, user):
    rows, _ = cronometer_rows(days=2)
    response = upload(alice_client, csv_bytes(rows))
    confirm(alice_client, response)
    alice_client.post(response.url, {})
    assert IntakeEntry.objects.filter(user=user).count() == 8


SUPPLEMENT_ROWS = [
    cronometer_row(
        "2026-03-02",
        "Supplements",
        "Magnesium Glycinate 120 mg",
        "2.00 capsule",
        "Supplements",
        magnesium="240",
    ),
    cronometer_row(
        "2026-03-03",
        "Breakfast",
        "Doctor's Best Magnesium Citrate",
        "1.00 tablet",
        "Supplements",
        magnesium="200",
    ),
    cronometer_row(
        "2026-03-03", "Dinner", "Vitamin D3 Supplement", "1.00 softgel", "Supplements", vitamin_d_iu="1000"
    ),
    cronometer_row(
        "2026-03-03", "Lunch", "Spinach, Boiled", "100 g", "Vegetables", energy="23", magnesium="87"
    ),
]


@pytest.mark.django_db
def test_supplements_are_listed_and_logged_only_as_the_user_confirms_them(alice_client, user):
    response = upload(alice_client, csv_bytes(SUPPLEMENT_ROWS))
    page = alice_client.get(response.url).content.decode()
    assert "Magnesium Glycinate 120 mg: 1 row" in page and "Vitamin D3 Supplement" in page
    # The file's 240 mg is the row's two capsules; the form asks for one dose.
    assert "(magnesium in the file: 240 mg a row, for all its doses)" in page
    assert "For one dose: a row of “2.00 capsule” is 2 doses." in page
    assert "1 food entry on 1 day" in page
    # The glycinate is confirmed; the citrate and the vitamin D are left on "do not import".
    glycinate, citrate, vitamin_d = (key_of(row[3]) for row in SUPPLEMENT_ROWS[:3])
    fields = {f"form_{glycinate}": "glycinate", f"elemental_{glycinate}": "120"}
    # The citrate's form was guessed from its name; the user leaves it on "do not import".
    assert 'value="citrate" selected' in page
    confirm(alice_client, response, **fields, **{f"form_{citrate}": "", f"form_{vitamin_d}": ""})
    supplement = SupplementEntry.objects.get(user=user)
    assert (supplement.name, supplement.form, supplement.doses) == (
        "Magnesium Glycinate 120 mg",
        "glycinate",
        2,
    )
    assert supplement.magnesium_mg == Decimal("240")
    assert IntakeEntry.objects.filter(user=user).count() == 1  # no supplement logged as food
    job = LogImport.objects.get(user=user)
    assert "2 supplement rows were left out" in job.message
    # Imported again, the confirmed one is not added twice.
    again = upload(alice_client, csv_bytes(SUPPLEMENT_ROWS))
    page = alice_client.get(again.url).content.decode()
    assert "1 supplement rows already imported" in page and "Magnesium Glycinate 120 mg: 1 row" not in page
    confirm(alice_client, again, **fields)
    assert SupplementEntry.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_a_confirmed_supplement_needs_its_elemental_amount(alice_client, user):
    response = upload(alice_client, csv_bytes(SUPPLEMENT_ROWS))
    page = alice_client.post(response.url, {f"form_{key_of(SUPPLEMENT_ROWS[0][3])}": "glycinate"})
    assert page.status_code == 200  # the form again, with the problem
    assert "Enter the elemental magnesium per dose from the label." in page.content.decode()
    assert not LogImport.objects.get().is_confirmed and SupplementEntry.objects.count() == 0


def bad_row(**changes):
    """One spinach row with some cells (by header name) changed, as a file."""
    row = dict(
        zip(
            HEADER,
            cronometer_row("2026-03-02", "Lunch", "Spinach, Boiled", "100 g", "Vegetables", "23", "87"),
            strict=True,
        )
    )
    row.update(changes)
    return csv_bytes([list(row.values())])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"\n\n", "The file is empty."),
        (b"Day,Group\n2026-03-02,Lunch\n", "Line 1: the file has no column “Food Name”"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "This is not a CSV file"),
        (
            "Day,Group,Food Name,Amount,Magnesium (mg)\n2026-03-02,Lunch,Crème,1 g,1\n".encode("latin-1"),
            "Line 2: the file is not UTF-8",
        ),
        (b"Day,Group,Food Name,Amount,Magnesium (mg)\n", "The file has a header but no rows."),
        (bad_row(**{"Magnesium (mg)": "-5"}), "Line 2: Magnesium (mg) is negative"),
        (bad_row(**{"Magnesium (mg)": "1e400"}), "Line 2: Magnesium (mg) 1e400 is far too large"),
        (bad_row(**{"Magnesium (mg)": "900000"}), "is more than any food holds"),
        (bad_row(**{"Magnesium (mg)": "NaN"}), "is not a number"),
        (bad_row(Day="1850-01-01"), "Line 2: the date 1850-01-01 is outside"),
        (bad_row(Day="9999-12-31"), "Line 2: the date 9999-12-31 is outside"),
        (bad_row(Day="03/02/2026"), "is not YYYY-MM-DD"),
        (bad_row(Day="2026-02-30"), "is not a real date"),
        (bad_row(Amount="1.00"), "Line 2: Amount “1.00” is not a number and a unit"),
        (bad_row(Amount="5000 cups"), "Line 2: Amount is more than 1,000 cups"),
        (bad_row(Amount="0.001 cup"), "Line 2: Amount must be at least 0.01"),
        (bad_row(Amount="0 g"), "Amount must be more than 0 g"),
        (bad_row(Amount="99999 g"), "Amount is more than 10,000 g"),
        (bad_row(Group="Elevenses"), "the group “Elevenses” is not"),
        # was read as 1 unit of "e9 tablet" (and "e3 g"): an amount in exponent notation
        (bad_row(Amount="1.00e9 tablet"), "Line 2: Amount “1.00e9 tablet” is in exponent notation"),
        (bad_row(Amount="1e3 g"), "Line 2: Amount “1e3 g” is in exponent notation"),
        (bad_row(Amount="2.5E-1 cup"), "Line 2: Amount “2.5E-1 cup” is in exponent notation"),
        (
            # was read as 1.00 dose
            csv_bytes(
                [["2026-03-02", "Supplements", "Magnesium Citrate", "1.00e9 tablet", "1"]],
                header=["Day", "Group", "Food Name", "Amount", "Magnesium (mg)"],
            ),
            "Line 2: Amount “1.00e9 tablet” is in exponent notation; write the number in plain digits",
        ),
        (
            # was read as 0.00 doses: the confirmed import then failed without naming the row
            csv_bytes(
                [["2026-03-02", "Supplements", "Magnesium Citrate", "0.004 tablet", "1"]],
                header=["Day", "Group", "Food Name", "Amount", "Magnesium (mg)"],
            ),
            "Line 2: Amount must be at least 0.01 doses",
        ),
        (bad_row(**{"Food Name": ""}), "Line 2: the food name is empty"),
    ],
)
@pytest.mark.django_db
def test_a_malformed_file_is_refused_with_a_clear_message(alice_client, data, message):
    response = upload(alice_client, data)
    assert response.status_code == 200  # the form again, with the problem
    assert message in response.content.decode()
    assert LogImport.objects.count() == 0 and IntakeEntry.objects.count() == 0


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(alice_client, monkeypatch):
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    rows, _ = cronometer_rows(days=2)
    response = upload(alice_client, csv_bytes(rows))
    assert response.status_code == 200  # the form again, with the problem
    assert "The file is larger than" in response.content.decode()


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    rows, _ = cronometer_rows(days=1)
    assert "at most 3 can be imported at once" in reading.read_cronometer(csv_bytes(rows)).problems[0]


SHORT_HEADER, SHORT_ROW = "Day,Group,Food Name,Amount,Magnesium (mg)", "2026-03-02,Lunch,Spinach,10 g,8"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # pandas took over 30 s (a server process's timeout) on a 2 MB header of commas, and
        # minutes on a row of them (as many index levels).
        (f"{SHORT_HEADER}{',' * 500}\n{SHORT_ROW}\n", "Line 1: 505 cells; at most 500 can be read."),
        (
            f"{SHORT_HEADER}\n{SHORT_ROW}\n{SHORT_ROW}{',' * 500}\n",
            "Line 3: 505 cells; at most 500 can be read.",
        ),
        (
            f'"{"x" * 200_000}",{SHORT_HEADER}\n{SHORT_ROW}\n',
            "The file could not be read as CSV: field larger than",
        ),
    ],
)
def test_a_line_of_too_many_cells_is_refused_before_pandas_reads_it(data, message):
    problems = reading.read_cronometer(data.encode()).problems
    assert len(problems) == 1 and problems[0].startswith(message)


@pytest.mark.parametrize(
    ("amount", "grams"),
    [("28.35 g", "28.35"), ("2 oz", "56.699"), ("0.5 kg", "500"), ("1 lb", "453.592"), ("500 mg", "0.5")],
)
def test_amounts_by_weight_become_grams(amount, grams):
    assert reading.parse_amount(amount)[0] == Decimal(grams)


@pytest.mark.parametrize(
    ("amount", "number", "unit"),
    [
        ("1.00 each", "1.00", "each"),  # a unit beginning with e is no exponent
        ("2.00 egg", "2.00", "egg"),
        ("1000.00 tablet", "1000.00", "tablet"),
        ("0.25 cup", "0.25", "cup"),
        ("3 e", "3", "e"),
    ],
)
def test_plain_decimal_amounts_in_other_units_keep_their_number_and_unit(amount, number, unit):
    assert reading.parse_amount(amount) == (None, Decimal(number), unit)


@pytest.mark.parametrize("amount", ["1.00e9 tablet", "1e3 g", "1E+3 g", "5e-1 cup", ".5e2 g", "1e3"])
def test_an_amount_in_exponent_notation_is_refused(amount):
    with pytest.raises(reading.RowProblem, match="exponent notation"):
        reading.parse_amount(amount)
    with pytest.raises(reading.RowProblem, match="exponent notation"):
        reading.amount_match(amount)  # the supplement rows' doses


@pytest.mark.parametrize(
    ("group", "name", "expected"),
    [
        ("Supplements", "Fish Oil", True),
        ("Breakfast", "Magnesium Citrate Powder", True),
        ("Dinner", "Whey Protein Supplement", True),
        ("Lunch", "Spinach, Boiled", False),
        ("Lunch", "Magnesium-rich trail mix", False),
    ],
)
def test_supplements_are_recognised_by_group_or_name(group, name, expected):
    assert reading.is_supplement(group, name) is expected


def preview_queries(client, days: int) -> int:
    rows, _ = cronometer_rows(days=days)
    response = upload(client, csv_bytes(rows + SUPPLEMENT_ROWS[:2]))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(response.url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_preview_query_count_does_not_grow_with_the_file(alice_client):
    """Session and user, the import, the entries and supplements already imported: one query each."""
    assert preview_queries(alice_client, 2) == preview_queries(alice_client, 30) <= 8


@pytest.mark.django_db
def test_a_job_that_fails_says_so_and_saves_nothing(alice_client, user):
    rows, _ = cronometer_rows(days=2)
    response = upload(alice_client, csv_bytes(rows))
    with mock.patch("tracker.importing.saving.save_supplements", side_effect=RuntimeError("bug")):
        alice_client.post(response.url, {})
    assert LogImport.objects.get().status == JobStatus.FAILED
    assert escape(FAILED_MESSAGE) in alice_client.get(response.url).content.decode()
    assert not IntakeEntry.objects.exists() and not Food.objects.exists()


@pytest.mark.django_db
def test_a_job_delivered_twice_imports_once(alice_client, user):
    rows, _ = cronometer_rows(days=2)
    confirm(alice_client, upload(alice_client, csv_bytes(rows)))
    job = LogImport.objects.get()
    import_log.delay(job.pk)
    LogImport.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)  # as if it died mid-way
    import_log.delay(job.pk)
    assert IntakeEntry.objects.filter(user=user).count() == 8
    assert LogImport.objects.get().message == "Imported 0 food entries. 8 already imported."


@pytest.mark.django_db
def test_a_running_import_shows_its_progress(alice_client, user):
    rows, _ = cronometer_rows(days=2)
    response = upload(alice_client, csv_bytes(rows))
    with mock.patch.object(import_log, "delay"):
        alice_client.post(response.url, {})
    job = LogImport.objects.get()
    job.status, job.total = JobStatus.RUNNING, 8
    job.save()
    job.report_progress(5)
    page = alice_client.get(response.url).content.decode()
    assert "5 of 8 rows" in page and 'http-equiv="refresh"' in page


@pytest.mark.django_db
def test_an_import_that_cannot_be_queued_says_so_at_once(alice_client):
    rows, _ = cronometer_rows(days=1)
    response = upload(alice_client, csv_bytes(rows))
    with mock.patch.object(import_log, "delay", side_effect=ConnectionError("broker down")):
        alice_client.post(response.url, {})
    assert escape(NOT_QUEUED_MESSAGE) in alice_client.get(response.url).content.decode()


@pytest.mark.django_db
def test_old_imports_are_removed_after_a_day(alice_client, user):
    rows, _ = cronometer_rows(days=1)
    upload(alice_client, csv_bytes(rows))
    LogImport.objects.update(created_at=timezone.now() - timedelta(days=2))
    upload(alice_client, csv_bytes(rows))
    assert remove_old_log_imports() == 1
    assert LogImport.objects.count() == 1


CUPS = [
    cronometer_row(
        "2026-03-02", "Breakfast", "Oatmeal, Cooked", "1.50 cup", "Cereals", energy="233", magnesium="94.5"
    ),
    cronometer_row(
        "2026-03-03", "Breakfast", "Oatmeal, Cooked", "1.00 cup", "Cereals", energy="155", magnesium="63"
    ),
    cronometer_row("2026-03-03", "Lunch", "Egg, Boiled", "2.00 large", "Eggs", energy="155", magnesium="10"),
    cronometer_row(
        "2026-03-03", "Lunch", "Spinach, Boiled", "100 g", "Vegetables", energy="23", magnesium="87"
    ),
]


@pytest.mark.django_db
def test_rows_in_cups_are_imported_only_with_the_weight_the_user_gives(alice_client, user):
    response = upload(alice_client, csv_bytes(CUPS))
    page = alice_client.get(response.url).content.decode()
    assert "Grams in 1 cup of “Oatmeal, Cooked”" in page and "Grams in 1 large of “Egg, Boiled”" in page
    oatmeal = f"weight_{key_of('Oatmeal, Cooked' + chr(10) + 'cup')}"
    confirm(alice_client, response, **{oatmeal: "234"})  # the egg's weight left empty
    entries = IntakeEntry.objects.filter(user=user).select_related("portion").order_by("date", "meal")
    assert [(e.food.name, e.amount_label, e.magnesium_mg) for e in entries] == [
        ("Oatmeal, Cooked", "1.5 × 1 cup (351 g)", Decimal("94.5")),  # the file's own values
        ("Oatmeal, Cooked", "1 × 1 cup (234 g)", Decimal("63")),
        ("Spinach, Boiled", "100 g", Decimal("87")),
    ]
    assert "1 row was left out: no weight was given for their unit" in LogImport.objects.get().message
    assert Food.objects.get(name="Oatmeal, Cooked").portions.count() == 1


@pytest.mark.django_db
def test_a_weight_that_makes_a_row_too_heavy_is_refused(alice_client):
    response = upload(alice_client, csv_bytes(CUPS[:1]))
    oatmeal = f"weight_{key_of('Oatmeal, Cooked' + chr(10) + 'cup')}"
    page = alice_client.post(response.url, {oatmeal: "9000"}).content.decode()
    assert "1.5 cup would weigh more than 10,000 g." in page
    assert not IntakeEntry.objects.exists()


HEADER_LINE = ",".join(HEADER).encode() + b"\n"


@given(st.binary(max_size=400))
def test_any_bytes_are_read_or_refused_with_a_reason(data):
    for read in (reading.read_cronometer, reading.read_plain_csv):
        result = read(data)
        assert result.problems or result.rows or result.supplements


@given(st.lists(st.lists(st.text(max_size=12), min_size=15, max_size=15), min_size=1, max_size=4))
def test_any_cells_under_the_header_are_read_or_refused_by_line(cells):
    out = io.StringIO()
    csv.writer(out).writerows(cells)
    result = reading.read_cronometer(HEADER_LINE + out.getvalue().encode())
    reasons = ("Line ", "The file", "This is not a CSV")
    assert all(problem.startswith(reasons) for problem in result.problems), result.problems
    assert len(result.rows) + len(result.supplements) + len(result.problems) >= 1


@pytest.mark.django_db(transaction=True)
def test_two_previews_of_one_file_confirmed_at_once_import_it_once(alice_client, user):
    rows, _ = cronometer_rows(days=2)
    first, second = (upload(alice_client, csv_bytes(rows)) for _ in range(2))
    confirm(alice_client, first)
    real = saving.existing_keys
    calls = []

    def blind_once(model, *args):
        """The second job looks before the first one's rows are there, as it would at the same time."""
        calls.append(model)
        return set() if len(calls) == 1 else real(model, *args)

    LogImport.objects.filter(is_confirmed=False).update(is_confirmed=True)
    job = LogImport.objects.get(pk=int(second.url.strip("/").split("/")[-1]))
    with mock.patch("tracker.importing.saving.existing_keys", blind_once):
        saving.save_import(job)
    assert calls[0] is IntakeEntry
    assert IntakeEntry.objects.filter(user=user).count() == 8
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and "8 already imported" in job.message
