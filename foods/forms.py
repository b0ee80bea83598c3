"""Forms of the food pages: search, and a user's own custom foods."""

from decimal import Decimal
from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from core import nutrition
from core.validators import validate_one_line
from foods.models import NUTRIENT_FIELDS, Food, Portion, Recipe
from foods.search import SORTS

PER_100G, PER_PORTION = "100g", "portion"


def plain(value: Decimal | None) -> str | None:
    """A stored amount as typed: 12 rather than 12.000."""
    return None if value is None else f"{value.normalize():f}"


class CustomFoodForm(forms.ModelForm):
    """Name and nutrients, given per 100 g or per portion (then converted to per 100 g)."""

    basis = forms.ChoiceField(
        label="The amounts are",
        choices=[(PER_100G, "per 100 g"), (PER_PORTION, "per portion: the first portion listed below")],
        initial=PER_100G,
        widget=forms.RadioSelect,
        help_text="Labels often give amounts per serving: choose “per portion” and list that serving below.",
    )

    class Meta:
        model = Food
        fields = ["name", *NUTRIENT_FIELDS]

    def __init__(self, *args, portion_grams: Decimal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.portion_grams = portion_grams
        self.order_fields(["name", "basis"])
        self.fields["name"].validators.append(validate_one_line)
        for name, unit in NUTRIENT_FIELDS.items():
            self.initial[name] = plain(self.initial.get(name))
            field = self.fields[name]
            field.label = f"{capfirst(field.label.split(' (')[0])} ({unit})"
            field.help_text = "Leave empty when unknown."
        self.fields["magnesium_mg"].required = True
        self.fields["magnesium_mg"].help_text = "From the label or the maker."

    def clean(self):
        data = super().clean()
        if data.get("basis") != PER_PORTION:
            return data
        if self.portion_grams is None:
            self.add_error("basis", "Amounts per portion need a portion with its weight in grams below.")
            return data
        for name in NUTRIENT_FIELDS:
            if data.get(name) is not None:
                data[name] = nutrition.per_100g(data[name], self.portion_grams)
        return data


class PortionForm(forms.ModelForm):
    class Meta:
        model = Portion
        fields = ["description", "grams"]
        labels = {"description": "Portion", "grams": "Weight (g)"}
        help_texts = {"description": "For example “1 glass” or “1 slice”."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["grams"] = plain(self.initial.get("grams"))
        self.fields["description"].validators.append(validate_one_line)


class BasePortionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.entries.exists():
                raise forms.ValidationError(
                    f"“{form.instance.description}” is used in your log, so it cannot be removed."
                )

    def first_grams(self) -> Decimal | None:
        """The weight of the first portion kept, None if it has none (call after is_valid())."""
        for form in self.forms:
            if self._should_delete_form(form) or (form.instance.pk is None and not form.has_changed()):
                continue
            return form.cleaned_data.get("grams")
        return None


PortionFormSet = forms.inlineformset_factory(
    Food,
    Portion,
    form=PortionForm,
    formset=BasePortionFormSet,
    extra=2,
    max_num=20,
    validate_max=True,
    can_delete=True,
    can_delete_extra=False,
)


class PlainSelect(forms.Select):
    """A select of plain (value, label) choices written out in Python: the form renderer's
    templates cost a millisecond for the search form's two lists, on every search. The options
    are f-strings with html.escape (what Django's escape does), as format_html a option cost
    most of what was left."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = "" if value is None else str(value)
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) == chosen else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in self.choices
        )
        return mark_safe(f'<select name="{escape(str(name))}"{flatatt(attrs)}>{options}</select>')


class FoodSearchForm(forms.Form):
    """The food list's query string: words to match, a food group and an order."""

    q = forms.CharField(label="Search foods", max_length=100, required=False)
    category = forms.ChoiceField(label="Food group", required=False, widget=PlainSelect)
    sort = forms.ChoiceField(label="Sort by", choices=SORTS.items(), required=False, widget=PlainSelect)

    def __init__(self, data, categories: list[str]):
        super().__init__(data)
        self.fields["category"].choices = [("", "All food groups"), *((name, name) for name in categories)]

    def clean_sort(self) -> str:
        return self.cleaned_data["sort"] or "relevance"

    def has_criteria(self) -> bool:
        """True when the user asked for something: listing every food unasked helps nobody."""
        return bool(self.cleaned_data["q"] or self.cleaned_data["category"])


class RecipeForm(forms.ModelForm):
    """A recipe's name, servings and, optionally, the weight of the finished dish."""

    name = forms.CharField(label="Name", max_length=Food._meta.get_field("name").max_length)

    class Meta:
        model = Recipe
        fields = ["name", "servings", "cooked_weight_g"]

    def __init__(self, *args, new: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].validators.append(validate_one_line)
        if self.instance.pk:
            self.initial["name"] = self.instance.food.name
        self.initial["servings"] = plain(self.initial.get("servings"))
        self.initial["cooked_weight_g"] = plain(self.initial.get("cooked_weight_g"))
        if new:
            del self.fields["cooked_weight_g"]

    def save(self, commit=True):
        recipe = super().save(commit)
        recipe.food.name = self.cleaned_data["name"]
        return recipe
