from datetime import date, timedelta

from django import forms
from django.utils import timezone

from core.dates import date_text
from core.validators import validate_one_line
from foods.amounts import AmountForm
from foods.forms import PlainSelect
from tracker.models import (
    SHARE_DEFAULT_EXPIRY_DAYS,
    SHARE_MAX_DAYS,
    SHARE_MAX_EXPIRY_DAYS,
    SHARE_MIN_DAYS,
    Meal,
    SupplementEntry,
)
from tracker.summary import MAX_RANGE_DAYS
from tracker.trends import PERIODS

EARLIEST_DAY = date(1900, 1, 1)
DAYS_AHEAD = 366  # a log may be planned up to a year ahead


def latest_day() -> date:
    return timezone.localdate() + timedelta(days=DAYS_AHEAD)


def is_loggable(day: date) -> bool:
    """Whether a day is within the range the log accepts and shows."""
    return EARLIEST_DAY <= day <= latest_day()


def clean_log_date(day: date) -> date:
    if not is_loggable(day):
        raise forms.ValidationError(
            f"Choose a date between {date_text(EARLIEST_DAY, 'j F Y')} "
            f"and {date_text(latest_day(), 'j F Y')}."
        )
    return day


def meal_for_now() -> str:
    """The meal a new entry most likely belongs to, from the local time of day."""
    hour = timezone.localtime().hour
    if 4 <= hour < 11:
        return Meal.BREAKFAST
    if 11 <= hour < 16:
        return Meal.LUNCH
    if 16 <= hour < 22:
        return Meal.DINNER
    return Meal.SNACK


class EntryForm(AmountForm):
    """Log a food on a day and meal (AmountForm: how much)."""

    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    meal = forms.ChoiceField(choices=Meal.choices)
    field_order = ["date", "meal", "portion", "quantity", "grams"]

    def clean_date(self) -> date:
        return clean_log_date(self.cleaned_data["date"])


class DateJumpForm(forms.Form):
    date = forms.DateField(label="Go to date", widget=forms.DateInput(attrs={"type": "date"}))

    def clean_date(self) -> date:
        return clean_log_date(self.cleaned_data["date"])


class LogContextForm(forms.Form):
    """The day and meal a food is being looked up for, carried in the query string."""

    date = forms.DateField()
    meal = forms.ChoiceField(choices=Meal.choices)

    def clean_date(self) -> date:
        return clean_log_date(self.cleaned_data["date"])


class SupplementForm(forms.ModelForm):
    """Log a supplement dose; a user with CKD must tick that they read the kidney warning."""

    class Meta:
        model = SupplementEntry
        fields = ("date", *SupplementEntry.PRODUCT_FIELDS)
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, has_ckd: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].validators.append(validate_one_line)
        # Django's blank choice reads "---------"; a first-time user is told what to pick.
        self.fields["form"].choices = [("", "Choose the form on the label"), *self.fields["form"].choices[1:]]
        if has_ckd:
            self.fields["ckd_acknowledged"] = forms.BooleanField(
                label="I have read the kidney warning above",
                label_suffix="",
                error_messages={"required": "Tick the box to confirm you have read the kidney warning."},
            )

    def clean_date(self) -> date:
        return clean_log_date(self.cleaned_data["date"])


class CopyDayForm(forms.Form):
    """Copy a day's foods, or one meal's, to another date."""

    date = forms.DateField(label="Copy to", widget=forms.DateInput(attrs={"type": "date"}))
    meal = forms.ChoiceField(
        label="What to copy",
        choices=[("", "The whole day")] + Meal.choices,
        required=False,
        widget=PlainSelect,  # shown on every day page
    )

    def __init__(self, *args, source: date, has_ckd: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        # With CKD a supplement is logged only through its form, after the kidney warning.
        self.fields["meal"].help_text = "Foods go into the same meals on that date. " + (
            "Supplements are not copied: log each one on the supplements page, "
            "which shows the kidney warning."
            if has_ckd
            else "The whole day brings its supplements too."
        )

    def clean_date(self) -> date:
        day = clean_log_date(self.cleaned_data["date"])
        if day == self.source:
            raise forms.ValidationError("Choose another date than the day you copy from.")
        return day


class PeriodForm(forms.Form):
    """How many days, ending today, the trends page covers."""

    days = forms.TypedChoiceField(
        choices=[(days, f"{days} days") for days in PERIODS],
        coerce=int,
        error_messages={"invalid_choice": "Choose a period of 7, 30, 90 or 365 days."},
    )


class DateRangeForm(forms.Form):
    """A range of days (both included) for an export or a report."""

    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean_start(self) -> date:
        return clean_log_date(self.cleaned_data["start"])

    def clean_end(self) -> date:
        return clean_log_date(self.cleaned_data["end"])

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The end date must be on or after the start date.")
            elif (end - start).days + 1 > MAX_RANGE_DAYS:
                self.add_error("end", f"Choose at most {MAX_RANGE_DAYS} days.")
        return data

    @classmethod
    def from_query(cls, query, default_days: int):
        """The range in the query string, or the last default_days days when it names none."""
        if "start" in query or "end" in query:
            return cls(query)
        end = timezone.localdate()
        start = end - timedelta(days=default_days - 1)
        return cls({"start": start.isoformat(), "end": end.isoformat()})


class ShareForm(forms.Form):
    """A new share of the report: the last N days, or a fixed range of days, and when its
    link stops working."""

    days = forms.IntegerField(
        label="Last how many days",
        required=False,
        min_value=SHARE_MIN_DAYS,
        max_value=SHARE_MAX_DAYS,
        help_text=(
            f"{SHARE_MIN_DAYS} to {SHARE_MAX_DAYS}, ending on the day the link is opened. "
            "Or leave it empty and give a range below."
        ),
    )
    start = forms.DateField(label="Or from", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    expires_in_days = forms.IntegerField(
        label="Link works for (days)",
        min_value=1,
        max_value=SHARE_MAX_EXPIRY_DAYS,
        initial=SHARE_DEFAULT_EXPIRY_DAYS,
        help_text=f"At most {SHARE_MAX_EXPIRY_DAYS} days. You can revoke it at any time.",
    )

    def clean_start(self):
        start = self.cleaned_data["start"]
        return clean_log_date(start) if start else None

    def clean_end(self):
        end = self.cleaned_data["end"]
        return clean_log_date(end) if end else None

    def clean(self):
        data = super().clean()
        days, start, end = data.get("days"), data.get("start"), data.get("end")
        if self.errors:
            return data
        if days and (start or end):
            raise forms.ValidationError("Give either a number of days or a range, not both.")
        if not days:
            if not start and not end:
                self.add_error("days", "Give a number of days, or a start and an end.")
            elif not start:
                self.add_error("start", "Give the first day of the range.")
            elif not end:
                self.add_error("end", "Give the last day of the range.")
            elif end < start:
                self.add_error("end", "The end date must be on or after the start date.")
            elif (end - start).days + 1 > SHARE_MAX_DAYS:
                self.add_error("end", f"Choose at most {SHARE_MAX_DAYS} days.")
        return data
