from decimal import Decimal

from django.db import transaction
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from core import claims
from core.nutrition import nutrient_for_amount
from core.rest import DecimalString, KnownFieldsOnly, NameText, SearchText
from foods.custom import new_custom_food
from foods.forms import PortionFormSet
from foods.models import NUTRIENT_FIELDS, Food, Portion, Source

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


class PortionsField(serializers.ListField):
    """A list of portions whose errors are plain messages naming the portion ("Portion 2,
    grams: ..."), so that a 400 keeps the documented shape: a list of messages for each field."""

    def run_validation(self, data=serializers.empty):
        try:
            return super().run_validation(data)
        except serializers.ValidationError as error:
            if not isinstance(error.detail, dict):
                raise
            raise serializers.ValidationError(
                [
                    f"Portion {index + 1}, {message}"
                    for index, detail in error.detail.items()
                    for message in portion_messages(detail)
                ]
            ) from error


def portion_messages(detail) -> list[str]:
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
