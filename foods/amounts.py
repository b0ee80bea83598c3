"""How much of a food: a portion × quantity, or a weight in grams. The rules and the form part
shared by the log (tracker) and recipes' ingredients, on the page and in the API."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from core import amounts

QUANTITY_MIN, QUANTITY_MAX = Decimal("0.01"), Decimal(100)
GRAMS_MIN, MAX_AMOUNT_G = Decimal("0.1"), Decimal(10_000)
WEIGHT_IN_GRAMS = "Weight in grams (enter below)"


def validate_amount(portion, quantity: Decimal | None, grams: Decimal | None) -> None:
    """An amount is a portion × quantity, or a weight in grams when no portion is chosen."""
    if portion is not None:
        if grams is not None:
            raise ValidationError(
                {"grams": "Leave grams empty when you choose a portion, or choose “Weight in grams”."}
            )
        if quantity is None:
            raise ValidationError({"quantity": "Enter how many of the portion you had."})
        if portion.grams * quantity > MAX_AMOUNT_G:
            raise ValidationError({"quantity": "That adds up to more than 10 kg; check the quantity."})
    elif grams is None:
        raise ValidationError({"grams": "Choose a portion or enter the weight in grams."})
    elif quantity not in (None, 1):
        raise ValidationError({"quantity": "A quantity needs a portion; with grams, leave it at 1 or empty."})


def food_measures(food, portions: list | None = None) -> dict:
    """What a food can be logged in, by form value: its own portions (by pk), then ounces, a
    tablespoon from its cup and grams (core.amounts.extra_measures, by key). portions: the
    food's portions in order when the caller has them already, else they are its own."""
    portions = list(food.portions.all()) if portions is None else portions
    extra = amounts.extra_measures([(p.description, p.grams) for p in portions])
    return {**{str(p.pk): p for p in portions}, **{m.key: m for m in extra}}


def starting_amount(food, measures: dict) -> dict:
    """The log form's amount for a food the user never logged: the measure nearest its reference
    amount × 1, else the reference amount in grams (core.amounts.starting_measure)."""
    key, quantity = amounts.starting_measure(
        food.reference_amount_g, [(key, m.grams) for key, m in measures.items()]
    )
    if key == amounts.GRAM:
        return {"portion": "", "quantity": 1, "grams": quantity}
    return {"portion": key, "quantity": quantity, "grams": None}


class AmountForm(forms.Form):
    """One of a food's portions, ounces, a tablespoon or grams × quantity, or a weight in grams.
    Ounces and the tablespoon become grams in clean() (core.amounts); a USDA portion is kept:
    cleaned_data then holds portion (a Portion or None), quantity and grams."""

    portion = forms.ChoiceField(
        required=False,
        help_text="Choose a household measure, or weigh it and enter grams.",
        widget=forms.Select(attrs={"autofocus": True}),
    )
    # Up to 10 kg for the "grams" measure; other measures at most QUANTITY_MAX (in clean()).
    quantity = forms.DecimalField(
        min_value=QUANTITY_MIN,
        max_value=MAX_AMOUNT_G,
        decimal_places=3,
        initial=1,
        required=False,
        help_text="How many of the measure, e.g. 0.5 or 2.",
    )
    grams = forms.DecimalField(
        label="Grams",
        min_value=GRAMS_MIN,
        max_value=MAX_AMOUNT_G,
        decimal_places=3,
        required=False,
        help_text="Only when no portion is chosen.",
    )

    def __init__(self, *args, food, **kwargs):
        super().__init__(*args, **kwargs)
        self.food = food
        self.measures = food_measures(food)
        self.fields["portion"].choices = [("", WEIGHT_IN_GRAMS)] + [
            (key, str(measure)) for key, measure in self.measures.items()
        ]

    def clean_portion(self):
        return self.measures.get(self.cleaned_data["portion"])

    def clean(self):
        data = super().clean()
        quantity, measure = data.get("quantity"), data.get("portion")
        is_grams = isinstance(measure, amounts.Measure) and measure.key == amounts.GRAM
        if quantity is not None and quantity > QUANTITY_MAX and not is_grams:
            self.add_error("quantity", f"Ensure this value is less than or equal to {QUANTITY_MAX}.")
        if not self.errors:
            try:
                validate_amount(data.get("portion"), data.get("quantity"), data.get("grams"))
            except ValidationError as error:
                self.add_error(None, error)
            else:
                measure = data.get("portion")
                if isinstance(measure, amounts.Measure):
                    data["grams"] = (measure.grams * data["quantity"]).quantize(Decimal("0.001"))
                    data["portion"], data["quantity"] = None, None
        return data
