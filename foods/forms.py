from django import forms

from foods.search import SORTS


class FoodSearchForm(forms.Form):
    """The food list's query string: words to match, a food group and an order."""

    q = forms.CharField(label="Search foods", max_length=100, required=False)
    category = forms.ChoiceField(label="Food group", required=False)
    sort = forms.ChoiceField(label="Sort by", choices=SORTS.items(), required=False)

    def __init__(self, data, categories: list[str]):
        super().__init__(data)
        self.fields["category"].choices = [("", "All food groups"), *((name, name) for name in categories)]

    def clean_sort(self) -> str:
        return self.cleaned_data["sort"] or "relevance"

    def has_criteria(self) -> bool:
        """True when the user asked for something: listing every food unasked helps nobody."""
        return bool(self.cleaned_data["q"] or self.cleaned_data["category"])
