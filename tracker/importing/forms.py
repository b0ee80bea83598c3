"""The import page's forms: the file, and the preview's confirmation."""

import hashlib
from decimal import Decimal

from django import forms

from core.nutrition import plain_decimal
from foods.amounts import MAX_AMOUNT_G
from tracker.importing.reading import MAX_FILE_BYTES, MAX_ROWS
from tracker.models import MAX_ELEMENTAL_MG, MIN_PER_DOSE_MG, Compound, ImportFormat


class UploadForm(forms.Form):
    format = forms.ChoiceField(
        choices=ImportFormat.choices, widget=forms.RadioSelect, initial=ImportFormat.CRONOMETER
    )
    file = forms.FileField(
        label="CSV file",
        help_text=f"At most {MAX_FILE_BYTES // (1024 * 1024)} MB and {MAX_ROWS:,} rows.",
    )


SKIP = ""
MIN_UNIT_G = Decimal("0.1")  # with at least 0.01 units a row (reading.MIN_UNITS), at least 0.001 g


def key_of(name: str) -> str:
    """A product's or a name's field key: by its name, not its place, so that a form sent after
    the list changed (another import saved meanwhile) never sets one product's choice on another."""
    return hashlib.sha256(name.encode()).hexdigest()[:12]


class ConfirmForm(forms.Form):
    """Per supplement product: its form and elemental magnesium per dose, as the user confirms
    them from the label (left empty: the product is not imported). Per food name of a plain CSV:
    the food it is logged as (empty: its rows are left out)."""

    def __init__(self, *args, products=(), names=(), weights=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.products, self.names, self.weights = list(products), list(names), list(weights)
        for weight in self.weights:
            self.fields[f"weight_{key_of(weight.key)}"] = forms.DecimalField(
                label=f"Grams in 1 {weight.unit} of “{weight.name}”",
                help_text=f"Rows in the file: {weight.rows}. Left empty, they are not imported.",
                required=False,
                min_value=MIN_UNIT_G,
                max_value=MAX_AMOUNT_G,
                max_digits=9,
                decimal_places=3,
            )
        for product in self.products:
            index = key_of(product.name)
            self.fields[f"form_{index}"] = forms.ChoiceField(
                label=f"Magnesium form of “{product.name}”",
                choices=[(SKIP, "Do not import this product"), *Compound.choices],
                required=False,
                initial=product.suggested_form,
            )
            self.fields[f"elemental_{index}"] = forms.DecimalField(
                label=f"Elemental magnesium per dose of “{product.name}” (mg, from the label)",
                help_text="For one dose: a row of “2.00 capsule” is 2 doses.",
                required=False,
                min_value=MIN_PER_DOSE_MG,
                max_value=MAX_ELEMENTAL_MG,
                max_digits=9,
                decimal_places=3,
            )
        for name, options in self.names:
            index = key_of(name)
            self.fields[f"food_{index}"] = forms.ChoiceField(
                label=f"Food for “{name}”",
                choices=[(SKIP, "Leave these rows out"), *((str(food.pk), food.name) for food in options)],
                required=False,
                initial=str(options[0].pk) if options else SKIP,
            )

    def clean(self):
        data = super().clean()
        for weight in self.weights:
            name = f"weight_{key_of(weight.key)}"
            grams = data.get(name)
            if grams is not None and grams * weight.most > MAX_AMOUNT_G:
                self.add_error(
                    name,
                    f"{plain_decimal(weight.most)} {weight.unit} would weigh more than {MAX_AMOUNT_G:,} g.",
                )
        for index in map(key_of, (product.name for product in self.products)):
            form, elemental = data.get(f"form_{index}"), data.get(f"elemental_{index}")
            if form and elemental is None and f"elemental_{index}" not in self.errors:
                self.add_error(f"elemental_{index}", "Enter the elemental magnesium per dose from the label.")
            if not form and elemental is not None:
                self.add_error(f"form_{index}", "Choose the form, or empty the elemental amount to skip it.")
        return data

    def supplement_choices(self) -> dict:
        """The confirmed products by name: their form and elemental mg per dose."""
        chosen = {}
        for product in self.products:
            index = key_of(product.name)
            form = self.cleaned_data.get(f"form_{index}")
            if form:
                elemental = self.cleaned_data[f"elemental_{index}"]
                chosen[product.name] = {"form": form, "elemental_mg": str(elemental)}
        return chosen

    def weight_choices(self) -> dict:
        """The grams of one unit given for each food and unit."""
        chosen = {}
        for weight in self.weights:
            grams = self.cleaned_data.get(f"weight_{key_of(weight.key)}")
            if grams is not None:
                chosen[weight.key] = str(grams)
        return chosen

    def food_choices(self) -> dict:
        """The food id chosen for each name ("" for none)."""
        return {name: self.cleaned_data.get(f"food_{key_of(name)}") or "" for name, _ in self.names}
