from decimal import Decimal

from django import forms

from tracker.models import Meal, SupplementEntry

MAX_AMOUNT_G = Decimal(10_000)


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
        min_value=Decimal("0.01"),
        max_value=Decimal(100),
        max_digits=8,
        decimal_places=3,
        initial=1,
        required=False,
        help_text="How many of the portion, e.g. 0.5 or 2.",
    )
    grams = forms.DecimalField(
        label="Grams",
        min_value=Decimal("0.1"),
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
        portion, quantity, grams = data.get("portion"), data.get("quantity"), data.get("grams")
        if self.errors:
            return data
        if portion is not None:
            if quantity is None:
                self.add_error("quantity", "Enter how many of the portion you had.")
            elif portion.grams * quantity > MAX_AMOUNT_G:
                self.add_error("quantity", "That adds up to more than 10 kg; check the quantity.")
        elif grams is None:
            self.add_error("grams", "Choose a portion or enter the weight in grams.")
        return data


class DateJumpForm(forms.Form):
    date = forms.DateField(label="Go to date", widget=forms.DateInput(attrs={"type": "date"}))


class LogContextForm(forms.Form):
    """The day and meal a food is being looked up for, carried in the query string."""

    date = forms.DateField()
    meal = forms.ChoiceField(choices=Meal.choices)


class SupplementForm(forms.ModelForm):
    """Log a supplement dose; a user with CKD must tick that they read the kidney warning."""

    class Meta:
        model = SupplementEntry
        fields = ("date", *SupplementEntry.PRODUCT_FIELDS)
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, has_ckd: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if has_ckd:
            self.fields["ckd_acknowledged"] = forms.BooleanField(
                label="I have read the kidney warning above",
                label_suffix="",
                error_messages={"required": "Tick the box to confirm you have read the kidney warning."},
            )
