from dataclasses import asdict

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from core.rest import DecimalString, IsoDateField, KnownFieldsOnly, NameText, StrictPrimaryKeyField
from foods.models import NUTRIENT_FIELDS, Food
from foods.search import visible_foods
from foods.serializers import AmountSerializer
from tracker import summary as summaries
from tracker.forms import clean_log_date
from tracker.models import (
    MAX_COMPOUND_MG,
    MAX_DOSES,
    MAX_ELEMENTAL_MG,
    MIN_DOSES,
    MIN_PER_DOSE_MG,
    SHARE_DEFAULT_EXPIRY_DAYS,
    SHARE_MAX_DAYS,
    SHARE_MAX_EXPIRY_DAYS,
    SHARE_MIN_DAYS,
    Compound,
    IntakeEntry,
    Meal,
    Share,
    SupplementEntry,
)
from tracker.services import save_entry
from tracker.summary import MAX_RANGE_DAYS, DaySummary


class VisibleFoodField(StrictPrimaryKeyField):
    """A food the user may log (foods.search.visible_foods), or the one the entry already has."""

    def get_queryset(self):
        foods = visible_foods(self.context["request"].user)
        entry = self.parent.instance
        return foods | Food.objects.filter(pk=entry.food_id) if entry else foods


class EntrySerializer(KnownFieldsOnly, AmountSerializer, serializers.ModelSerializer):
    """One food eaten: a portion × quantity, or a weight in grams (AmountSerializer). The nutrient
    amounts are worked out when the entry is saved; null means the food has no value for that
    nutrient."""

    date = IsoDateField(validators=[clean_log_date])
    meal = serializers.ChoiceField(choices=Meal.choices)
    food = VisibleFoodField()

    class Meta:
        model = IntakeEntry
        fields = ("id", "date", "meal", "food", "portion", "quantity", "amount_g", *NUTRIENT_FIELDS)
        read_only_fields = ("id", *NUTRIENT_FIELDS)

    def validate(self, attrs):
        """The entry as it will be saved: what was sent, over the entry's current values for
        a PATCH; a PUT replaces the entry, so what it leaves out is empty."""
        current = self.instance if self.partial else None
        names = ("date", "meal", "food", "portion", "quantity", "amount_g")
        values = {name: attrs[name] if name in attrs else getattr(current, name, None) for name in names}
        # A stored entry has both a quantity and grams; only the pair that applies is checked.
        portion = values["portion"]
        quantity, grams = (values["quantity"], None) if portion else (None, values["amount_g"])
        self.check_amount(values["food"], portion, quantity, grams)
        return values

    def create(self, validated_data):
        return self.save_entry(validated_data["user"], validated_data)

    def update(self, instance, validated_data):
        return self.save_entry(instance.user, validated_data, instance)

    @staticmethod
    def save_entry(user, values, entry=None):
        try:
            return save_entry(
                user=user,
                food=values["food"],
                on=values["date"],
                meal=values["meal"],
                portion=values["portion"],
                quantity=values["quantity"],
                grams=values["amount_g"],
                entry=entry,
            )
        except DjangoValidationError as error:
            if getattr(error, "code", None) == "food_gone":  # deleted or archived since it was checked
                raise serializers.ValidationError({"food": error.messages}) from error
            raise


def per_dose_mg(help_text: str, maximum) -> DecimalString:
    return DecimalString(
        max_digits=9,
        decimal_places=3,
        min_value=MIN_PER_DOSE_MG,
        max_value=maximum,
        allow_null=True,
        required=False,
        help_text=help_text,
    )


class SupplementSerializer(KnownFieldsOnly, serializers.ModelSerializer):
    """Doses of a magnesium supplement taken on one day, checked by the same rules as the
    supplement form. magnesium_mg is worked out when the entry is saved: elemental
    magnesium per dose × doses."""

    date = IsoDateField(validators=[clean_log_date])
    name = NameText(max_length=SupplementEntry._meta.get_field("name").max_length, help_text="Product name.")
    form = serializers.ChoiceField(choices=Compound.choices)
    elemental_mg = per_dose_mg(
        f"Elemental magnesium per dose as on the label, {MIN_PER_DOSE_MG} to {MAX_ELEMENTAL_MG} mg; "
        "null to have it worked out from compound_mg and the form.",
        MAX_ELEMENTAL_MG,
    )
    compound_mg = per_dose_mg(
        f"Weight of the compound per dose, {MIN_PER_DOSE_MG} to {MAX_COMPOUND_MG} mg, for a label "
        "that gives only that; used when elemental_mg is null (not with the form `other`).",
        MAX_COMPOUND_MG,
    )
    doses = DecimalString(
        max_digits=5,
        decimal_places=2,
        min_value=MIN_DOSES,
        max_value=MAX_DOSES,
        required=False,
        help_text=f"Number of doses, {MIN_DOSES} to {MAX_DOSES}; 1 when left out.",
    )

    class Meta:
        model = SupplementEntry
        fields = ("id", "date", *SupplementEntry.PRODUCT_FIELDS, "magnesium_mg")
        read_only_fields = ("id", "magnesium_mg")

    def validate(self, attrs):
        """The entry as it will be saved (over its current values for a PATCH; a PUT replaces
        it, so what it leaves out takes the model's default), checked by the model's clean()."""
        names = ("date", *SupplementEntry.PRODUCT_FIELDS)
        current = self.instance if self.partial else SupplementEntry()
        values = {name: attrs[name] if name in attrs else getattr(current, name) for name in names}
        try:
            SupplementEntry(**values).clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return values


class DateQuerySerializer(serializers.Serializer):
    """The days a list of entries or supplements covers."""

    date = IsoDateField(required=False, help_text="Only this day (YYYY-MM-DD).")
    start = IsoDateField(required=False, help_text="From this day on, included.")
    end = IsoDateField(required=False, help_text="Up to this day, included.")


class SummaryQuerySerializer(serializers.Serializer):
    date = IsoDateField(required=False, help_text="The day (YYYY-MM-DD); today when left out.")


class RangeQuerySerializer(serializers.Serializer):
    start = IsoDateField(help_text="First day (YYYY-MM-DD).")
    end = IsoDateField(help_text=f"Last day, included; at most {MAX_RANGE_DAYS} days in all.")

    def validate(self, attrs):
        if attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": "The end is before the start."})
        if (attrs["end"] - attrs["start"]).days >= MAX_RANGE_DAYS:
            raise serializers.ValidationError({"end": f"Ask for {MAX_RANGE_DAYS} days at most."})
        return attrs


def amount(help_text="", **kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=None, decimal_places=3, help_text=help_text, **kwargs)


class NoticeSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


# The day's amounts the summary reports besides magnesium.
SUMMARY_NUTRIENTS = ("calcium_mg", "phosphorus_mg", "potassium_mg", "vitamin_d_ug", "vitamin_k_ug")


class DaySummarySerializer(serializers.Serializer):
    date = serializers.DateField()
    food_magnesium_mg = amount("Magnesium from the foods logged; unknown values count as nothing.")
    supplement_magnesium_mg = amount("Magnesium from supplements and medicines, counted apart from food.")
    total_magnesium_mg = amount("Food plus supplement magnesium.")
    target_mg = serializers.IntegerField(allow_null=True, help_text="Reference intake; null without one.")
    target_source = serializers.CharField(allow_null=True, help_text="nih, efsa, uk or clinician.")
    target_kind = serializers.CharField(
        allow_null=True,
        help_text="RDA, AI, RNI, clinician, or DV (the US Daily Value, used without a profile).",
    )
    percent_of_target = serializers.IntegerField(
        allow_null=True, help_text="Food and supplement magnesium as a whole percent of the target."
    )
    supplement_limit_mg = serializers.IntegerField(
        allow_null=True,
        help_text="Upper limit for supplemental magnesium (not food) of the chosen standard (NIH: IOM "
        "1997; EFSA: SCF 2001; UK: EVM 2003; the IOM figure where the standard sets none for the "
        "age); null under 1 year and always for a user with CKD.",
    )
    over_supplement_limit = serializers.BooleanField(
        help_text="Whether supplements pass the limit (at it: false)."
    )
    entries = serializers.IntegerField()
    entries_missing_magnesium = serializers.IntegerField()
    calcium_mg = amount()
    phosphorus_mg = amount()
    potassium_mg = amount()
    vitamin_d_ug = amount()
    vitamin_k_ug = amount()
    has_ckd = serializers.BooleanField()
    notices = NoticeSerializer(many=True)


class AveragesSerializer(serializers.Serializer):
    food_magnesium_mg = amount(allow_null=True)
    supplement_magnesium_mg = amount(allow_null=True)
    total_magnesium_mg = amount(allow_null=True)
    calcium_mg = amount(allow_null=True)
    phosphorus_mg = amount(allow_null=True)
    potassium_mg = amount(allow_null=True)
    vitamin_d_ug = amount(allow_null=True)
    vitamin_k_ug = amount(allow_null=True)


class SummaryRangeSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    days_logged = serializers.IntegerField(help_text="Days with at least one entry.")
    averages = AveragesSerializer(help_text="Daily averages over the days logged; null when none is.")
    days = DaySummarySerializer(many=True, help_text="One summary for each day from start to end.")


def summary_fields(summary: DaySummary) -> dict:
    """The API's view of a day: the same DaySummary the day page shows."""
    return {
        "date": summary.date,
        "food_magnesium_mg": summary.food_magnesium_mg,
        "supplement_magnesium_mg": summary.supplement_magnesium_mg,
        "total_magnesium_mg": summary.total_magnesium_mg,
        "target_mg": summary.target_mg,
        "target_source": summary.target_source,
        "target_kind": summary.target_kind,
        "percent_of_target": summary.percent_of_target,
        "supplement_limit_mg": summary.supplement_limit_mg,
        "over_supplement_limit": summary.over_supplement_limit,
        "entries": summary.entries,
        "entries_missing_magnesium": summary.entries_missing_magnesium,
        **{name: summary.totals[name] for name in SUMMARY_NUTRIENTS},
        "has_ckd": summary.has_ckd,
        "notices": [asdict(notice) for notice in summary.notices],
    }


def range_fields(start, end, days: list[DaySummary]) -> dict:
    return {
        "start": start,
        "end": end,
        # A day counts when anything was logged, food or supplements, as on the trends page.
        "days_logged": sum(day.is_logged for day in days),
        "averages": summaries.period_averages(days) or dict.fromkeys(summaries.AVERAGED),
        "days": [summary_fields(day) for day in days],
    }


class ShareSerializer(serializers.ModelSerializer):
    """A share of your report: the days it covers (`days`, ending on your today when opened,
    or `start` to `end`), when its link stops working and how often it was opened. The link
    itself is only in the answer to the POST that made it."""

    class Meta:
        model = Share
        fields = ("id", "days", "start", "end", "created_at", "expires_at", "last_opened_at", "open_count")
        read_only_fields = fields


class ShareCreateSerializer(KnownFieldsOnly, serializers.Serializer):
    """A new share: `days` (the last N days), or `start` and `end` (a fixed range), and
    `expires_in_days`."""

    days = serializers.IntegerField(
        required=False,
        min_value=SHARE_MIN_DAYS,
        max_value=SHARE_MAX_DAYS,
        help_text=f"The last {SHARE_MIN_DAYS} to {SHARE_MAX_DAYS} days, ending on the day the link opens.",
    )
    start = IsoDateField(required=False, help_text="First day of a fixed range (instead of days).")
    end = IsoDateField(
        required=False, help_text=f"Last day of the range, included; {SHARE_MAX_DAYS} days at most."
    )
    expires_in_days = serializers.IntegerField(
        required=False,
        default=SHARE_DEFAULT_EXPIRY_DAYS,
        min_value=1,
        max_value=SHARE_MAX_EXPIRY_DAYS,
        help_text=(
            f"Days until the link stops working, 1 to {SHARE_MAX_EXPIRY_DAYS}; "
            f"{SHARE_DEFAULT_EXPIRY_DAYS} when left out."
        ),
    )

    def validate_start(self, start):
        return self.loggable(start)

    def validate_end(self, end):
        return self.loggable(end)

    @staticmethod
    def loggable(day):
        try:
            return clean_log_date(day)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error

    def validate(self, attrs):
        days, start, end = attrs.get("days"), attrs.get("start"), attrs.get("end")
        if days is not None and (start or end):
            raise serializers.ValidationError({"days": "Give either days or start and end, not both."})
        if days is None:
            if start is None and end is None:
                raise serializers.ValidationError({"days": "Give days, or start and end."})
            if start is None:
                raise serializers.ValidationError({"start": "Give the first day of the range."})
            if end is None:
                raise serializers.ValidationError({"end": "Give the last day of the range."})
            if end < start:
                raise serializers.ValidationError({"end": "The end is before the start."})
            if (end - start).days + 1 > SHARE_MAX_DAYS:
                raise serializers.ValidationError({"end": f"Ask for {SHARE_MAX_DAYS} days at most."})
        return attrs


class NewShareSerializer(ShareSerializer):
    """The answer to a POST: the share and its link, shown only this once."""

    url = serializers.URLField(
        read_only=True, help_text="The link to the shared report; not stored, shown once."
    )

    class Meta(ShareSerializer.Meta):
        fields = ("id", "url", *ShareSerializer.Meta.fields[1:])
        read_only_fields = fields
