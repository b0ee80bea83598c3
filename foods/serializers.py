from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from core import claims
from core.nutrition import nutrient_for_amount
from core.rest import DecimalString, KnownFieldsOnly, NameText, SearchText, StrictPrimaryKeyField
from foods.amounts import GRAMS_MIN, MAX_AMOUNT_G, QUANTITY_MAX, QUANTITY_MIN, validate_amount
from foods.custom import new_custom_food
from foods.forms import PortionFormSet
from foods.models import MAX_INGREDIENTS, NUTRIENT_FIELDS, Food, Portion, Recipe, RecipeIngredient, Source
from foods.recipes import (
    RECIPE_PREFETCH,
    Totals,
    check,
    ingredient_foods,
    new_recipe,
    own_recipes,
    refresh,
    set_amount,
    totals,
)

ORDERING_FIELDS = ("name", *NUTRIENT_FIELDS)


class PortionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Portion
        fields = ("id", "description", "grams")


# Grams written as the portions' grams are: an exact decimal string.
GRAMS = DecimalString(max_digits=9, decimal_places=3, allow_null=True, read_only=True)


class FoodSerializer(serializers.ModelSerializer):
    """A food with its amounts per 100 g; null means USDA has no value (unknown, not zero).
    reference_amount_g is the FDA reference amount (a custom food's: its first portion), null
    when none applies; magnesium_claim is judged on it (21 CFR 101.54), null without one."""

    portions = PortionSerializer(many=True, read_only=True)
    reference_amount_g = serializers.SerializerMethodField()
    magnesium_claim = serializers.SerializerMethodField()

    class Meta:
        model = Food
        fields = (
            "id",
            "name",
            "category",
            "fdc_id",
            "source",
            *NUTRIENT_FIELDS,
            "portions",
            "reference_amount_g",
            "magnesium_claim",
        )
        read_only_fields = fields

    @staticmethod
    def reference_grams(food) -> Decimal | None:
        grams = getattr(food, "reference_grams", None)  # foods.search.with_reference_amounts
        if grams is None and not hasattr(food, "reference_grams"):
            grams = food.reference_amount_g
            if grams is None and food.source == Source.CUSTOM:
                first = next(iter(food.portions.all()), None)
                grams = first.grams if first else None
        return None if grams is None else Decimal(grams)

    @extend_schema_field(GRAMS)
    def get_reference_amount_g(self, food) -> str | None:
        grams = self.reference_grams(food)
        return None if grams is None else GRAMS.to_representation(grams)

    @extend_schema_field(serializers.ChoiceField(choices=[claims.HIGH, claims.GOOD], allow_null=True))
    def get_magnesium_claim(self, food) -> str | None:
        grams = self.reference_grams(food)
        return claims.magnesium_claim(nutrient_for_amount(food.magnesium_mg, grams) if grams else None)


def model_decimal(model, name: str, **kwargs) -> DecimalString:
    """A decimal input checked by the model field's own validators (bounds and messages)."""
    field = model._meta.get_field(name)
    return DecimalString(
        max_digits=field.max_digits,
        decimal_places=field.decimal_places,
        validators=field.validators,
        **kwargs,
    )


class PortionInputSerializer(KnownFieldsOnly, serializers.ModelSerializer):
    description = NameText(max_length=Portion._meta.get_field("description").max_length)
    grams = model_decimal(Portion, "grams", help_text="Weight of the portion in grams, more than 0.")

    class Meta:
        model = Portion
        fields = ("description", "grams")


def numbered_errors(error: serializers.ValidationError, item: str) -> serializers.ValidationError:
    """The errors of a list of objects as plain messages naming the item ("Portion 2, grams:
    ..."), so that a 400 keeps the documented shape: a list of messages for each field."""
    detail = error.detail
    if isinstance(detail, list) and any(isinstance(one, dict) for one in detail):
        detail = dict(enumerate(detail))
    if not isinstance(detail, dict):
        return error
    if not all(str(index).isdigit() for index in detail):  # not a list: {"non_field_errors": [...]}
        return serializers.ValidationError(item_messages(detail))
    return serializers.ValidationError(
        [
            f"{item} {int(index) + 1}, {message}"
            for index, one in detail.items()
            if one
            for message in item_messages(one)
        ]
    )


class PortionsField(serializers.ListField):
    """A custom food's portions; errors name the portion (numbered_errors)."""

    def run_validation(self, data=serializers.empty):
        try:
            return super().run_validation(data)
        except serializers.ValidationError as error:
            raise numbered_errors(error, "Portion") from error


def item_messages(detail) -> list[str]:
    if not isinstance(detail, dict):
        return [str(message) for message in detail]
    return [
        str(message) if field == api_settings.NON_FIELD_ERRORS_KEY else f"{field}: {message}"
        for field, messages in detail.items()
        for message in messages
    ]


class CustomFoodSerializer(KnownFieldsOnly, serializers.ModelSerializer):
    """A custom food of your own, as on the custom food page: private to you (staff may share it
    when you suggest it there). Amounts are per 100 g: magnesium is needed, the others may be
    left out or null when unknown. The answer is the food as the list shows it."""

    name = NameText(max_length=Food._meta.get_field("name").max_length)
    portions = PortionsField(
        child=PortionInputSerializer(),
        required=False,
        max_length=PortionFormSet.max_num,
        help_text=f"Household measures with their weight, at most {PortionFormSet.max_num}.",
    )

    class Meta:
        model = Food
        fields = ("name", *NUTRIENT_FIELDS, "portions")

    def get_fields(self):
        fields = super().get_fields()
        for name, unit in NUTRIENT_FIELDS.items():
            known = name == "magnesium_mg"
            fields[name] = model_decimal(
                Food,
                name,
                required=known,
                allow_null=not known,
                help_text=f"{unit} per 100 g" + ("." if known else "; null or left out when unknown."),
            )
        return fields

    @transaction.atomic
    def create(self, validated_data):
        portions = validated_data.pop("portions", [])
        food = new_custom_food(validated_data.pop("created_by"))
        for name, value in validated_data.items():
            setattr(food, name, value)
        food.save()
        for seq, portion in enumerate(portions, start=1):
            Portion.objects.create(food=food, seq=seq, **portion)
        return food

    def to_representation(self, food):
        return FoodSerializer(food, context=self.context).data


class FoodQuerySerializer(serializers.Serializer):
    search = SearchText(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="Words that must all appear in the name, in any order; best matches first.",
    )
    category = SearchText(required=False, allow_blank=True, max_length=100, help_text="USDA food group.")
    ordering = serializers.ChoiceField(
        choices=[*ORDERING_FIELDS, *(f"-{name}" for name in ORDERING_FIELDS)],
        required=False,
        help_text="Sort by a field; a leading '-' sorts from high to low. Unknown amounts come last.",
    )


class AmountSerializer(serializers.Serializer):
    """How much of a food: a portion of that food × quantity, or amount_g grams (foods.amounts'
    rules), for a log entry and for a recipe's ingredient."""

    portion = StrictPrimaryKeyField(
        queryset=Portion.objects.all(),
        allow_null=True,
        required=False,
        help_text="One of the food's portions, or null to give amount_g.",
    )
    quantity = DecimalString(
        max_digits=8,
        decimal_places=3,
        min_value=QUANTITY_MIN,
        max_value=QUANTITY_MAX,
        required=False,
        help_text="How many of the portion, 0.01 to 100 (ignored without a portion).",
    )
    amount_g = DecimalString(
        max_digits=9,
        decimal_places=3,
        min_value=GRAMS_MIN,
        max_value=MAX_AMOUNT_G,
        required=False,
        help_text="Grams, 0.1 to 10000, given when there is no portion; "
        "with a portion it is worked out from the quantity.",
    )

    @staticmethod
    def check_amount(food: Food, portion: Portion | None, quantity, grams) -> None:
        """400 (by field) unless the portion is the food's and the amount is one of the two forms."""
        if portion is not None and portion.food_id != food.pk:
            raise serializers.ValidationError({"portion": "Choose one of this food's portions."})
        try:
            validate_amount(portion, quantity, grams)
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                {"amount_g" if name == "grams" else name: text for name, text in error.message_dict.items()}
            ) from error


class IngredientListSerializer(serializers.ListSerializer):
    """A recipe's ingredients; errors name the ingredient (numbered_errors)."""

    def run_validation(self, data=serializers.empty):
        try:
            return super().run_validation(data)
        except serializers.ValidationError as error:
            raise numbered_errors(error, "Ingredient") from error


class IngredientSerializer(KnownFieldsOnly, AmountSerializer, serializers.ModelSerializer):
    """An amount of a food in a recipe (AmountSerializer)."""

    food = StrictPrimaryKeyField(queryset=Food.objects.none(), help_text="Any food you may log.")

    class Meta:
        model = RecipeIngredient
        fields = ("food", "portion", "quantity", "amount_g")
        list_serializer_class = IngredientListSerializer

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            recipe = getattr(self.root, "instance", None)  # the recipe: never a food of its own
            fields["food"].queryset = ingredient_foods(
                request.user, recipe if isinstance(recipe, Recipe) else None
            )
        return fields

    def validate(self, attrs):
        if (
            "food" not in attrs
        ):  # a PATCH of the recipe makes every field optional, but an ingredient is whole
            raise serializers.ValidationError({"food": "This field is required."})
        self.check_amount(attrs["food"], attrs.get("portion"), attrs.get("quantity"), attrs.get("amount_g"))
        return attrs


class RecipeSerializer(KnownFieldsOnly, serializers.ModelSerializer):
    """A recipe of yours: its ingredients, the servings it makes and, optionally, the weight of the
    finished dish. It is logged as the food `food` (by its "1 serving" portion or by grams); the
    values are worked out from the ingredients when it is saved, and entries already logged keep
    theirs. magnesium_mg_per_serving is null when an ingredient's magnesium is unknown (see
    magnesium_unknown_ingredients) or the recipe has no ingredients."""

    name = NameText(max_length=Food._meta.get_field("name").max_length, source="food.name")
    servings = model_decimal(
        Recipe, "servings", required=False, help_text="Servings it makes; 1 when left out."
    )
    cooked_weight_g = model_decimal(
        Recipe,
        "cooked_weight_g",
        required=False,
        allow_null=True,
        help_text="Weight of the finished dish in grams; null: the ingredients' weight.",
    )
    ingredients = IngredientSerializer(many=True, max_length=MAX_INGREDIENTS)
    serving_g = serializers.SerializerMethodField()
    magnesium_mg_per_serving = serializers.SerializerMethodField()
    magnesium_unknown_ingredients = serializers.SerializerMethodField()

    class Meta:
        model = Recipe
        fields = (
            "id",
            "name",
            "servings",
            "cooked_weight_g",
            "ingredients",
            "food",
            "serving_g",
            "magnesium_mg_per_serving",
            "magnesium_unknown_ingredients",
        )
        read_only_fields = ("id", "food")

    def get_fields(self):
        fields = super().get_fields()
        fields["ingredients"].child.context["recipe"] = (
            self.instance if isinstance(self.instance, Recipe) else None
        )
        return fields

    def totals(self, recipe: Recipe) -> Totals:
        cache = self.context.setdefault("totals", {})
        if recipe.pk not in cache:
            cache[recipe.pk] = totals(recipe, list(recipe.ingredients.all()))
        return cache[recipe.pk]

    @extend_schema_field(DecimalString(max_digits=12, decimal_places=3, allow_null=True))
    def get_serving_g(self, recipe) -> str | None:
        serving = self.totals(recipe).serving_g
        return None if serving is None else f"{serving:f}"

    @extend_schema_field(DecimalString(max_digits=12, decimal_places=3, allow_null=True))
    def get_magnesium_mg_per_serving(self, recipe) -> str | None:
        found = self.totals(recipe)
        value = found.per_serving(recipe.servings)["magnesium_mg"] if found.ingredients else None
        return None if value is None else f"{value:f}"

    def get_magnesium_unknown_ingredients(self, recipe) -> int:
        """How many ingredients have no magnesium value."""
        return self.totals(recipe).unknown["magnesium_mg"]

    def validate(self, attrs):
        recipe = self.instance or Recipe(servings=Decimal(1))
        for name in ("servings", "cooked_weight_g"):
            if name in attrs:
                setattr(recipe, name, attrs[name])
        if "ingredients" in attrs:
            ingredients = [self.ingredient(recipe, values) for values in attrs["ingredients"]]
        else:
            ingredients = list(recipe.ingredients.all())
        try:
            check(recipe, totals(recipe, ingredients))
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return attrs

    @staticmethod
    def ingredient(recipe: Recipe, values: dict) -> RecipeIngredient:
        ingredient = RecipeIngredient(recipe=recipe, food=values["food"])
        set_amount(ingredient, values.get("portion"), values.get("quantity"), values.get("amount_g"))
        return ingredient

    @transaction.atomic
    def create(self, validated_data):
        recipe = new_recipe(validated_data["user"], validated_data["food"]["name"])
        return self.update(recipe, validated_data)

    @transaction.atomic
    def update(self, recipe, validated_data):
        if "food" in validated_data:
            recipe.food.name = validated_data["food"]["name"]
        for name in ("servings", "cooked_weight_g"):
            if name in validated_data:
                setattr(recipe, name, validated_data[name])
        recipe.save()
        if "ingredients" in validated_data:
            recipe.ingredients.all().delete()
            RecipeIngredient.objects.bulk_create(
                [self.ingredient(recipe, values) for values in validated_data["ingredients"]]
            )
        refresh(recipe)
        return own_recipes(recipe.user).prefetch_related(*RECIPE_PREFETCH).get(pk=recipe.pk)
