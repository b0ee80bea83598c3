from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from tracker.models import Meal

# The amount rules, shared by the log form and the API.
QUANTITY_MIN, QUANTITY_MAX = Decimal("0.01"), Decimal(100)
GRAMS_MIN, MAX_AMOUNT_G = Decimal("0.1"), Decimal(10_000)


def validate_amount(portion, quantity: Decimal | None, grams: Decimal | None) -> None:
    """An amount is a portion × quantity, or a weight in grams when no portion is chosen."""
    if portion is not None:
        if quantity is None:
            raise ValidationError({"quantity": "Enter how many of the portion you had."})
        if portion.grams * quantity > MAX_AMOUNT_G:
            raise ValidationError({"quantity": "That adds up to more than 10 kg; check the quantity."})
    elif grams is None:
        raise ValidationError({"grams": "Choose a portion or enter the weight in grams."})


class EntryForm(forms.Form):
    """Log a food: a USDA portion × quantity, or a weight in grams."""

    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    meal = forms.ChoiceField(choices=Meal.choices)
    portion = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="Weight in grams (enter below)",
        help_text="Choose a household measure, or weigh it and enter grams.",
    )
    quantity = forms.DecimalField(
        min_value=QUANTITY_MIN,
        max_value=QUANTITY_MAX,
        max_digits=8,
        decimal_places=3,
        initial=1,
        required=False,
        help_text="How many of the portion, e.g. 0.5 or 2.",
    )
    grams = forms.DecimalField(
        label="Grams",
        min_value=GRAMS_MIN,
        max_value=MAX_AMOUNT_G,
        max_digits=9,
        decimal_places=3,
        required=False,
        help_text="Used when no portion is chosen.",
    )

    def __init__(self, *args, food, **kwargs):
        super().__init__(*args, **kwargs)
        self.food = food
        self.fields["portion"].queryset = food.portions.all()

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                validate_amount(data.get("portion"), data.get("quantity"), data.get("grams"))
            except ValidationError as error:
                self.add_error(None, error)
        return data


class DateJumpForm(forms.Form):
    date = forms.DateField(label="Go to date", widget=forms.DateInput(attrs={"type": "date"}))


class LogContextForm(forms.Form):
    """The day and meal a food is being looked up for, carried in the query string."""

    date = forms.DateField()
    meal = forms.ChoiceField(choices=Meal.choices)
