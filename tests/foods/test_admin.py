"""Food curation in the admin: roles, history, archive instead of delete, validation, review."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from foods.history import UNRECORDED_REASON
from foods.importing.records import FoodRecord
from foods.importing.saving import reference_values, save_foods
from foods.models import NUTRIENT_FIELDS, Food, Portion, SearchSynonym, Source
from tests.factories import make_custom_food, make_entry, make_food, make_portion, make_profile
from tracker.models import IntakeEntry

pytestmark = pytest.mark.django_db


def change_url(food):
    return reverse("admin:foods_food_change", args=[food.pk])


def food_form_data(food, **changes):
    """The admin change form of a food as the browser would post it, with some values changed."""
    data = {
        "name": food.name,
        "category": food.category,
        "source": food.source,
        "source_id": food.source_id,
        "fdc_id": food.fdc_id or "",
        "status": food.status,
        "rejection_reason": food.rejection_reason,
        **{name: "" if getattr(food, name) is None else getattr(food, name) for name in NUTRIENT_FIELDS},
        "reference_amount_g": "" if food.reference_amount_g is None else food.reference_amount_g,
        "racc_category": food.racc_category,
    }
    if food.is_active:
        data["is_active"] = "on"
    if food.is_eaten_as_is:
        data["is_eaten_as_is"] = "on"
    portions = list(food.portions.all())
    data.update(
        {
            "portions-TOTAL_FORMS": len(portions),
            "portions-INITIAL_FORMS": len(portions),
            "portions-MIN_NUM_FORMS": 0,
            "portions-MAX_NUM_FORMS": 1000,
        }
    )
    for index, portion in enumerate(portions):
        prefix = f"portions-{index}-"
        data.update(
            {
                f"{prefix}id": portion.pk,
                f"{prefix}food": food.pk,
                f"{prefix}seq": portion.seq,
                f"{prefix}description": portion.description,
                f"{prefix}grams": portion.grams,
            }
        )
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def add_portion_row(data, food, description, grams, seq=""):
    index = data["portions-TOTAL_FORMS"]
    data["portions-TOTAL_FORMS"] = index + 1
    data.update(
        {
            f"portions-{index}-food": food.pk,
            f"portions-{index}-seq": seq,
            f"portions-{index}-description": description,
            f"portions-{index}-grams": grams,
        }
    )
    return data


def error_messages(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def history_records(client, food):
    response = client.get(reverse("admin:foods_food_history", args=[food.pk]))
    assert response.status_code == 200
    return response, list(response.context["page_obj"].object_list)


# Roles


def test_non_staff_users_get_no_admin_access(alice_client):
    food = make_food("Almonds")
    for url in (reverse("admin:index"), reverse("admin:foods_food_changelist"), change_url(food)):
        response = alice_client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    alice_client.post(change_url(food), food_form_data(food, magnesium_mg="1"))
    food.refresh_from_db()
    assert food.magnesium_mg == Decimal("592")


def test_the_curator_group_holds_food_portion_and_synonym_permissions_only(curators_group):
    group = curators_group
    assert {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()} == {
        f"foods.{action}_{model}"
        for model in ("food", "portion", "searchsynonym")
        for action in ("add", "change", "delete", "view")
    }


def test_a_curator_adds_and_edits_search_synonyms(curator_client):
    add = reverse("admin:foods_searchsynonym_add")
    response = curator_client.post(add, {"phrase": "Zoodles", "means": "zucchini"})
    assert response.status_code == 302
    synonym = SearchSynonym.objects.get(phrase="zoodles")
    change = reverse("admin:foods_searchsynonym_change", args=[synonym.pk])
    assert curator_client.post(change, {"phrase": "zoodles", "means": "squash zucchini"}).status_code == 302
    synonym.refresh_from_db()
    assert synonym.means == "squash zucchini"


def test_a_curator_edits_foods_but_cannot_reach_users_profiles_or_entries(curator_client, user):
    food = make_food("Almonds")
    entry = make_entry(user, food)
    profile = make_profile(user)
    index = curator_client.get(reverse("admin:index")).content.decode()
    assert "Food database" in index and "Users" not in index and "Intake log" not in index

    assert curator_client.get(reverse("admin:foods_food_changelist")).status_code == 200
    response = curator_client.post(change_url(food), food_form_data(food, magnesium_mg="270"))
    assert response.status_code == 302
    food.refresh_from_db()
    assert food.magnesium_mg == Decimal("270")

    for url in (
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_change", args=[user.pk]),
        reverse("admin:auth_group_changelist"),
        reverse("admin:accounts_profile_changelist"),
        reverse("admin:accounts_profile_change", args=[profile.pk]),
        reverse("admin:tracker_intakeentry_changelist"),
        reverse("admin:tracker_intakeentry_change", args=[entry.pk]),
    ):
        assert curator_client.get(url).status_code == 403, url


# History


def test_every_edit_is_in_the_foods_history_with_author_and_old_and_new_values(curator_client, curator):
    food = make_food("Almonds", magnesium_mg=Decimal("270"))
    curator_client.post(change_url(food), food_form_data(food, name="Nuts, almonds", magnesium_mg="268"))

    response, records = history_records(curator_client, food)
    latest = records[0]
    assert (latest.history_type, latest.history_user) == ("~", curator)
    assert sorted(latest.history_delta_changes, key=lambda change: change["field"]) == [
        {"field": "Magnesium (mg/100 g)", "old": "270.000", "new": "268.000"},
        {"field": "Name", "old": "Almonds", "new": "Nuts, almonds"},
    ]
    page = response.content.decode()
    assert '<a href="/admin/auth/user/' in page and ">curator</a>" in page
    assert "270.000" in page and "268.000" in page


def test_a_curators_reference_amount_is_in_the_history_and_outlives_a_reimport(curator_client, curator):
    food = make_food("Nuts, almonds", magnesium_mg=Decimal("270"))
    assert (food.reference_amount_g, food.racc_category) == (Decimal(30), "nuts_seeds")
    data = food_form_data(food, reference_amount_g="28", racc_category="nuts_seeds")
    assert curator_client.post(change_url(food), data).status_code == 302

    food.refresh_from_db()
    assert (food.reference_amount_g, food.reference_amount_curated) == (Decimal(28), True)
    _, records = history_records(curator_client, food)
    assert {"field": "FDA reference amount (g)", "old": "30.0", "new": "28.0"} in records[
        0
    ].history_delta_changes
    record = FoodRecord(Source.USDA_SR28, food.source_id or "12061", food.name, food.category, None, {})
    Food.objects.filter(pk=food.pk).update(source_id=record.source_id)
    assert reference_values(record) == {"reference_amount_g": Decimal(30), "racc_category": "nuts_seeds"}
    save_foods([record])
    food.refresh_from_db()
    assert food.reference_amount_g == Decimal(28)


def test_a_reference_amount_needs_its_category(curator_client):
    food = make_food("Nuts, almonds")
    response = curator_client.post(change_url(food), food_form_data(food, racc_category=""))
    assert response.status_code == 200
    assert "Give both the reference amount and its RACC category, or neither." in response.content.decode()


def test_portion_changes_are_in_the_foods_history_too(curator_client, curator):
    food = make_food("Almonds")
    portion = make_portion(food, "1 oz", "28.35")
    data = add_portion_row(food_form_data(food, **{"portions-0-grams": "28.4"}), food, "1 cup", "143", seq=2)
    assert curator_client.post(change_url(food), data).status_code == 302

    response, _ = history_records(curator_client, food)
    changes = {(r.id, r.history_type): r for r in response.context["portion_changes"]}
    changed = changes[(portion.pk, "~")]
    assert changed.history_user == curator
    assert changed.changes == [{"field": "Grams", "old": "28.350", "new": "28.400"}]
    added = Portion.objects.get(food=food, description="1 cup")
    assert changes[(added.pk, "+")].history_user == curator
    page = response.content.decode()
    assert "<strong>Grams:</strong> 28.350 &rarr; 28.400" in page


def test_the_first_edit_after_a_bulk_write_shows_the_true_old_values(curator_client, curator):
    # The USDA import writes with bulk_create and QuerySet.update, which leave no history.
    [imported] = Food.objects.bulk_create([Food(name="Spinach, raw", magnesium_mg=Decimal("79"))])
    updated = make_food("Kale, raw", magnesium_mg=Decimal("47"))
    Food.objects.filter(pk=updated.pk).update(magnesium_mg=Decimal("33"))

    for food, old in ((imported, "79.000"), (updated, "33.000")):
        food.refresh_from_db()
        curator_client.post(change_url(food), food_form_data(food, magnesium_mg="80"))
        _, records = history_records(curator_client, food)
        assert records[0].history_user == curator
        assert records[0].history_delta_changes == [
            {"field": "Magnesium (mg/100 g)", "old": old, "new": "80.000"}
        ]
        assert (records[1].history_user, records[1].history_change_reason) == (None, UNRECORDED_REASON)


# Archive, never delete a food in use


def test_deleting_a_food_in_use_is_refused_and_archiving_keeps_past_entries(admin_client, user):
    food = make_food("Almonds", magnesium_mg=Decimal("270"))
    entry = make_entry(user, food, amount_g="50")

    response = admin_client.post(reverse("admin:foods_food_delete", args=[food.pk]), {"post": "yes"})
    assert response.url == change_url(food)
    assert error_messages(response) == [
        "“Almonds” cannot be deleted: 1 log entry uses it. Archive it instead: an archived food "
        "cannot be logged any more, and past entries keep their values."
    ]
    assert Food.objects.filter(pk=food.pk).exists()

    changelist = reverse("admin:foods_food_changelist")
    response = admin_client.post(changelist, {"action": "archive", "_selected_action": [food.pk]})
    food.refresh_from_db()
    entry.refresh_from_db()
    assert not food.is_active
    assert entry.magnesium_mg == Decimal("135.000")
    user_client = admin_client.__class__()
    user_client.force_login(user)
    assert user_client.get(reverse("tracker:entry_new", args=[food.pk])).status_code == 404
    assert user_client.get(reverse("tracker:day", args=[entry.date.isoformat()])).context[
        "summary"
    ].food_magnesium_mg == Decimal("135.000")

    admin_client.post(changelist, {"action": "restore", "_selected_action": [food.pk]})
    food.refresh_from_db()
    assert food.is_active


def test_bulk_delete_is_refused_whole_when_any_selected_food_is_in_use(admin_client, user):
    used, unused = make_food("Almonds"), make_food("Cashews")
    make_entry(user, used)
    changelist = reverse("admin:foods_food_changelist")
    response = admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [used.pk, unused.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert error_messages(response) == [
        "Nothing was deleted: log entries use 1 of the selected foods (“Almonds”). Archive them "
        "instead: archived foods cannot be logged any more, and past entries keep their values."
    ]
    assert Food.objects.count() == 2

    confirm = admin_client.post(changelist, {"action": "delete_selected", "_selected_action": [unused.pk]})
    assert "admin/delete_selected_confirmation.html" in confirm.template_name
    admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [unused.pk], "post": "yes"}
    )
    assert list(Food.objects.values_list("name", flat=True)) == ["Almonds"]


def test_an_unused_food_can_be_deleted_and_its_history_stays(admin_client):
    food = make_food("Typo food")
    admin_client.post(reverse("admin:foods_food_delete", args=[food.pk]), {"post": "yes"})
    assert not Food.objects.filter(pk=food.pk).exists()
    assert [r.history_type for r in Food.history.filter(id=food.pk)] == ["-", "+"]


def test_removing_a_portion_in_use_is_refused(admin_client, user):
    food = make_food("Almonds")
    portion = make_portion(food, "1 oz", "28.35")
    make_entry(user, food, portion=portion, quantity="2")
    response = admin_client.post(change_url(food), food_form_data(food, **{"portions-0-DELETE": "on"}))
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in response.content.decode()
    assert Portion.objects.filter(pk=portion.pk).exists()


# Validation


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"magnesium_mg": "-1"},
            "magnesium_mg",
            "An amount cannot be negative; leave it empty when unknown.",
        ),
        ({"calcium_mg": "-0.5"}, "calcium_mg", "An amount cannot be negative; leave it empty when unknown."),
        (
            {"magnesium_mg": "60300.001"},
            "magnesium_mg",
            "No food has more than 60,300 mg of magnesium per 100 g; check the unit.",
        ),
        ({"fiber_g": "100.5"}, "fiber_g", "No food has more than 100 g of fiber per 100 g; check the unit."),
        (
            {"energy_kcal": "903"},
            "energy_kcal",
            "No food has more than 902 kcal of energy per 100 g; check the unit.",
        ),
    ],
)
def test_impossible_amounts_are_refused_with_a_clear_message(admin_client, changes, field, message):
    food = make_food("Almonds")
    response = admin_client.post(change_url(food), food_form_data(food, **changes))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    food.refresh_from_db()
    assert food.magnesium_mg == Decimal("592")


def test_the_physical_bounds_themselves_are_accepted(admin_client):
    food = make_food("Magnesium oxide, food grade")
    data = food_form_data(food, magnesium_mg="60300", energy_kcal="902", sodium_mg="0")
    assert admin_client.post(change_url(food), data).status_code == 302
    food.refresh_from_db()
    assert (food.magnesium_mg, food.energy_kcal, food.sodium_mg) == (Decimal(60300), Decimal(902), 0)


@pytest.mark.parametrize("grams", ["0", "-3"])
def test_portions_must_weigh_more_than_zero(admin_client, grams):
    food = make_food("Almonds")
    make_portion(food, "1 oz", "28.35")
    response = admin_client.post(change_url(food), food_form_data(food, **{"portions-0-grams": grams}))
    assert response.status_code == 200
    assert "A portion must weigh more than 0 g." in response.content.decode()
    assert food.portions.get().grams == Decimal("28.35")


# Review of users' custom foods


def test_the_review_list_shows_suggestions_but_never_private_foods(admin_client, user):
    make_custom_food(user, "Alice's private bread")
    suggested = make_custom_food(user, "Mineral water, Brand X", status="suggested")
    response = admin_client.get(reverse("admin:foods_food_changelist"), {"status__exact": "suggested"})
    assert [food.name for food in response.context["cl"].result_list] == [suggested.name]
    everything = admin_client.get(reverse("admin:foods_food_changelist"))
    assert "Alice's private bread" not in [food.name for food in everything.context["cl"].result_list]


def test_approving_a_suggestion_publishes_it_and_keeps_its_history(curator_client, curator, user, other_user):
    food = make_custom_food(user, "Mineral water, Brand X", status="suggested")
    private = make_custom_food(user, "Alice's bread")
    response = curator_client.post(
        reverse("admin:foods_food_changelist"),
        {"action": "approve", "_selected_action": [food.pk, private.pk]},
    )
    assert response.status_code == 302
    food.refresh_from_db()
    private.refresh_from_db()
    assert (food.status, food.created_by, private.status) == ("approved", user, "private")

    _, records = history_records(curator_client, food)
    assert records[0].history_user == curator
    assert records[0].history_delta_changes == [
        {"field": "Review status", "old": "suggested", "new": "approved"}
    ]
    bob = curator_client.__class__()
    bob.force_login(other_user)
    assert bob.get(reverse("foods:detail", args=[food.pk])).status_code == 200
    assert [f.name for f in bob.get(reverse("foods:list"), {"q": "brand"}).context["page"]] == [food.name]


def test_rejecting_needs_a_reason_that_the_author_then_sees(curator_client, user):
    food = make_custom_food(user, "Mineral water, Brand X", status="suggested")
    response = curator_client.post(change_url(food), food_form_data(food, status="rejected"))
    assert response.context["adminform"].form.errors["rejection_reason"] == [
        "Give the reason; the author will see it."
    ]
    reason = "Already on the list as “Water, bottled, Brand X”."
    curator_client.post(change_url(food), food_form_data(food, status="rejected", rejection_reason=reason))
    food.refresh_from_db()
    assert food.status == "rejected"

    author = curator_client.__class__()
    author.force_login(user)
    assert "Reason given: Already on the list as “Water, bottled, Brand X”." in author.get(
        reverse("foods:custom_list")
    ).content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")


def test_shared_foods_have_no_review_status(admin_client):
    food = make_food("Almonds")
    response = admin_client.get(change_url(food))
    assert "status" not in response.context["adminform"].form.fields
    with pytest.raises(Exception, match="Only a user's custom food has a review status"):
        Food(name="Almonds", status="approved").full_clean()


def test_entries_are_untouched_when_a_food_is_corrected(admin_client, user):
    food = make_food("Almonds", magnesium_mg=Decimal("270"))
    make_entry(user, food, amount_g="100")
    admin_client.post(change_url(food), food_form_data(food, magnesium_mg="300"))
    assert list(IntakeEntry.objects.values_list("magnesium_mg", flat=True)) == [Decimal("270.000")]


def test_old_versions_are_shown_but_never_saved_from_the_history(curator_client, django_user_model):
    food = make_food("Almonds", magnesium_mg=Decimal("270"))
    version = food.history.first()
    url = reverse("admin:foods_food_simple_history", args=[food.pk, version.history_id])
    assert curator_client.get(url).status_code == 200
    assert curator_client.post(url, food_form_data(food, magnesium_mg="1")).status_code == 403

    viewer = django_user_model.objects.create_user("viewer", password="a-long-test-password", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_food"))
    curator_client.force_login(viewer)
    assert curator_client.post(url, food_form_data(food, magnesium_mg="1")).status_code == 403
    food.refresh_from_db()
    assert food.magnesium_mg == Decimal("270")


def test_the_history_of_a_private_custom_food_is_not_shown_to_staff(curator_client, user):
    private = make_custom_food(user, "Alice's bread")
    version = private.history.first()
    for url in (
        reverse("admin:foods_food_history", args=[private.pk]),
        reverse("admin:foods_food_simple_history", args=[private.pk, version.history_id]),
        reverse("admin:foods_food_history", args=["not-a-number"]),
    ):
        assert curator_client.get(url).status_code == 404, url
    pk = private.pk
    private.delete()
    assert curator_client.get(reverse("admin:foods_food_history", args=[pk])).status_code == 404


def test_a_curator_marks_a_food_as_not_eaten_as_it_is(curator_client):
    food = make_food("Wheat bran, crude")
    data = food_form_data(food, is_eaten_as_is=None)
    response = curator_client.post(change_url(food), data)
    assert response.status_code == 302
    food.refresh_from_db()
    assert not food.is_eaten_as_is


def test_the_history_never_shows_none_for_a_missing_author_or_reason(curator_client):
    food = make_food("Wheat bran, crude")  # saved without a user, as the import and scripts do
    food.name = "Wheat bran, crude (checked)"
    food.save()
    page = curator_client.get(reverse("admin:foods_food_history", args=[food.pk])).content.decode()
    cells = re.findall(r"<td>\s*(.*?)\s*</td>", page, re.S)
    assert "None" not in cells
    assert "no user (the USDA import or a script)" in page
