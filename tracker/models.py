import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core import nutrition
from core.dates import date_text
from core.jobs import Job
from foods.models import Food, Portion


class Meal(models.TextChoices):
    BREAKFAST = "breakfast", "Breakfast"
    LUNCH = "lunch", "Lunch"
    DINNER = "dinner", "Dinner"
    SNACK = "snack", "Snack"


def snapshot_field() -> models.DecimalField:
    return models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True, editable=False)


class IntakeEntry(models.Model):
    """One food eaten on one day.

    The nutrients for the amount eaten are copied from the food when the entry is
    saved, so curating a food later never rewrites a user's history, and a day's
    total is one SUM. NULL means the food has no value for that nutrient.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(db_index=True)
    meal = models.CharField(max_length=10, choices=Meal, default=Meal.BREAKFAST)
    food = models.ForeignKey(Food, on_delete=models.PROTECT, related_name="entries")
    portion = models.ForeignKey(
        Portion, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    quantity = models.DecimalField(
        max_digits=8, decimal_places=3, default=1, validators=[MinValueValidator(0)]
    )
    amount_g = models.DecimalField("amount (g)", max_digits=9, decimal_places=3)
    magnesium_mg = snapshot_field()
    calcium_mg = snapshot_field()
    phosphorus_mg = snapshot_field()
    potassium_mg = snapshot_field()
    sodium_mg = snapshot_field()
    energy_kcal = snapshot_field()
    vitamin_d_ug = snapshot_field()
    vitamin_k_ug = snapshot_field()
    fiber_g = snapshot_field()
    # The fingerprint of the imported file's row this entry came from (tracker/cronometer.py);
    # empty for an entry logged here. Importing the same row again finds it and adds nothing.
    import_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "created_at", "pk"]
        verbose_name_plural = "intake entries"
        # By user and date: a day, a period. By user and food: how often a user logged a
        # food (gap suggestions, quick logging).
        indexes = [models.Index(fields=["user", "date"]), models.Index(fields=["user", "food"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount_g__gt=0), name="entry_amount_positive"),
            models.UniqueConstraint(
                fields=["user", "import_key"], condition=~Q(import_key=""), name="entry_unique_import_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_meal_display()}: {self.food}"

    def get_absolute_url(self) -> str:
        return reverse("tracker:day", args=[self.date.isoformat()])

    @property
    def amount_label(self) -> str:
        portion = self.portion.description if self.portion else None
        return nutrition.amount_text(self.amount_g, portion, self.quantity)


class Favourite(models.Model):
    """A food a user starred, to find it first when logging."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites")
    # A favourite is a bookmark, not history: it goes with its food.
    food = models.ForeignKey(Food, on_delete=models.CASCADE, related_name="favourites")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "food"], name="favourite_unique_food")]

    def __str__(self) -> str:
        return f"{self.user}: {self.food}"


# The magnesium compound a supplement contains (nutrition.COMPOUND_NAMES, nutrition.ELEMENTAL_PERCENT).
Compound = models.TextChoices(
    "Compound", [(value.upper(), (value, name)) for value, name in nutrition.COMPOUND_NAMES.items()]
)


# Sanity bounds per dose that catch typing slips (g for mg); they are not advice.
MIN_PER_DOSE_MG = Decimal("0.1")
MAX_ELEMENTAL_MG = Decimal(5_000)
MAX_COMPOUND_MG = Decimal(50_000)
MIN_DOSES, MAX_DOSES = Decimal("0.01"), Decimal(50)


def per_dose_field(verbose_name: str, maximum: Decimal, help_text: str) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_PER_DOSE_MG), MaxValueValidator(maximum)],
        help_text=help_text,
    )


# The most food entries, and the most supplement entries, one user keeps on one day: far above
# any real day, low enough that no account can make a day page or a summary heavy for the
# server it shares with everyone (copying a day back and forth once doubled a day each time).
MAX_ENTRIES_PER_DAY = 500


def ensure_room(model, user, on: datetime.date, adding: int, moving=None) -> None:
    """Refuse (ValidationError on "date") a write that would put more than MAX_ENTRIES_PER_DAY
    entries of model on one day of the user's log. moving: an entry already on that day is not
    counted again."""
    rows = model.objects.filter(user=user, date=on)
    if moving is not None and moving.pk:
        rows = rows.exclude(pk=moving.pk)
    count = rows.count()
    if count + adding > MAX_ENTRIES_PER_DAY:
        what = "food entries" if model is IntakeEntry else "supplement entries"
        raise ValidationError(
            {
                "date": f"A day holds at most {MAX_ENTRIES_PER_DAY} {what}; {on.isoformat()} has {count}, "
                f"so {adding} more do not fit."
            }
        )


class SupplementEntry(models.Model):
    """Doses of a magnesium supplement (or medicine) taken on one day, counted apart from food.

    The label's elemental figure wins; without it the elemental amount is worked out
    from the compound amount and form. magnesium_mg (elemental per dose × doses) is
    stored at save, so a day's supplement total is one SUM.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supplements")
    date = models.DateField(db_index=True)
    name = models.CharField("product name", max_length=120)
    form = models.CharField(
        "magnesium form",
        max_length=24,
        choices=Compound,
        help_text="As named on the label, e.g. “magnesium citrate”.",
    )
    elemental_mg = per_dose_field(
        "elemental magnesium per dose (mg)",
        MAX_ELEMENTAL_MG,
        "The magnesium figure on the label, often “magnesium (as citrate)”. Preferred.",
    )
    compound_mg = per_dose_field(
        "compound per dose (mg)",
        MAX_COMPOUND_MG,
        "Only if the label gives just the compound's weight, e.g. “500 mg magnesium oxide”.",
    )
    doses = models.DecimalField(
        "number of doses",
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(MIN_DOSES), MaxValueValidator(MAX_DOSES)],
        help_text="e.g. 2 tablets, or 0.5 for half a tablet.",
    )
    magnesium_mg = models.DecimalField(max_digits=12, decimal_places=3, editable=False)
    import_key = models.CharField(max_length=64, blank=True, editable=False)  # as IntakeEntry's
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # What makes a product: entries alike in these are one product to log again.
    PRODUCT_FIELDS = ("name", "form", "elemental_mg", "compound_mg", "doses")

    class Meta:
        ordering = ["date", "created_at", "pk"]
        verbose_name_plural = "supplement entries"
        indexes = [models.Index(fields=["user", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(elemental_mg__isnull=False) | (Q(compound_mg__isnull=False) & ~Q(form="other")),
                name="supplement_elemental_known",
            ),
            models.CheckConstraint(condition=Q(doses__gt=0), name="supplement_doses_positive"),
            models.UniqueConstraint(
                fields=["user", "import_key"],
                condition=~Q(import_key=""),
                name="supplement_unique_import_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"

    def save(self, *args, **kwargs):
        ensure_room(SupplementEntry, self.user_id, self.date, 1, moving=self)
        self.work_out_magnesium()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("tracker:supplements") + f"?date={self.date.isoformat()}"

    def work_out_magnesium(self) -> None:
        self.magnesium_mg = nutrition.supplement_magnesium_mg(self.elemental_per_dose_mg, self.doses)

    def clean(self):
        problem = None
        if self.elemental_mg is None and self.form == Compound.OTHER:
            problem = "For “other”, enter the elemental magnesium per dose from the label."
        elif self.elemental_mg is None and self.compound_mg is None:
            problem = "Enter the elemental magnesium per dose from the label, or the compound amount."
        elif self.elemental_mg is not None and self.compound_mg is not None:
            if self.elemental_mg > self.compound_mg:
                problem = "The elemental magnesium cannot weigh more than the compound; check both figures."
        if problem:
            raise ValidationError({"elemental_mg": problem})

    def copy_for(self, on: datetime.date) -> "SupplementEntry":
        """An unsaved entry of the same product on another day."""
        return SupplementEntry(
            user_id=self.user_id, date=on, **{name: getattr(self, name) for name in self.PRODUCT_FIELDS}
        )

    @property
    def elemental_per_dose_mg(self) -> Decimal:
        return nutrition.elemental_mg_per_dose(self.elemental_mg, self.compound_mg, self.form)

    @property
    def elemental_is_computed(self) -> bool:
        return self.elemental_mg is None

    @property
    def doses_label(self) -> str:
        return f"{self.doses.normalize():f}"


class ExportJob(Job):
    """A user's full-data export, built by a worker (tracker/data.py) and kept a day for its
    download."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Data export {self.pk} ({self.get_status_display()})"


# A share's limits (issue 17): the days it covers and how long its link works.
SHARE_MIN_DAYS, SHARE_MAX_DAYS = 7, 365
SHARE_MAX_EXPIRY_DAYS, SHARE_DEFAULT_EXPIRY_DAYS = 90, 30
# Active (neither revoked nor expired) shares a user may hold at once.
SHARE_MAX_ACTIVE = 20


class Share(models.Model):
    """A read-only link to a user's report for their clinician. Only the SHA-256 of the link's
    token is stored: the link is shown once, when the share is made. It covers the last `days`
    days (ending on the owner's today when opened) or the fixed range start..end."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(SHARE_MIN_DAYS), MaxValueValidator(SHARE_MAX_DAYS)],
    )
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)
    open_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    # isnull=False too: a CHECK whose comparison is NULL passes.
                    Q(
                        days__isnull=False,
                        days__gte=SHARE_MIN_DAYS,
                        days__lte=SHARE_MAX_DAYS,
                        start__isnull=True,
                        end__isnull=True,
                    )
                    | Q(days__isnull=True, start__isnull=False, end__isnull=False, end__gte=models.F("start"))
                ),
                name="share_covers_days_or_range",
                violation_error_message=(
                    f"A share covers the last {SHARE_MIN_DAYS} to {SHARE_MAX_DAYS} days, "
                    "or a range from a start to an end."
                ),
            ),
        ]

    def __str__(self):
        return f"Share {self.pk} of {self.user}"

    def clean(self):
        errors = {}
        if self.start and self.end and (self.end - self.start).days + 1 > SHARE_MAX_DAYS:
            errors["end"] = f"A share covers at most {SHARE_MAX_DAYS} days."
        created = self.created_at or timezone.now()
        if self.expires_at and self.expires_at > created + datetime.timedelta(days=SHARE_MAX_EXPIRY_DAYS):
            errors["expires_at"] = f"A share expires within {SHARE_MAX_EXPIRY_DAYS} days."
        if self.expires_at and self.expires_at <= created:
            errors["expires_at"] = "A share must expire after it is made."
        if errors:
            raise ValidationError(errors)

    def period(self, today: datetime.date) -> tuple[datetime.date, datetime.date]:
        """The first and last day the share shows, `today` being the owner's."""
        if self.days:
            return today - datetime.timedelta(days=self.days - 1), today
        return self.start, self.end

    @property
    def covers(self) -> str:
        if self.days:
            return f"Last {self.days} days"
        return f"{date_text(self.start, 'j M Y')} to {date_text(self.end, 'j M Y')}"

    def is_open(self, now: datetime.datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now


class ImportFormat(models.TextChoices):
    CRONOMETER = "cronometer", "Cronometer “Servings” export"
    CSV = "csv", "Plain CSV (date, meal, food, grams)"


class LogImport(Job):
    """A file of a user's log from elsewhere, read and checked into rows (tracker/cronometer.py),
    shown as a preview, and saved by a worker once the user confirms (tracker/log_import.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=12, choices=ImportFormat)
    file_name = models.CharField(max_length=255)
    # The checked rows: foods (with their values) and supplement rows, as JSON-safe dicts.
    rows = models.JSONField(default=list)
    supplements = models.JSONField(default=list)
    # What the user confirmed in the preview: supplement products by name (form, elemental mg),
    # and for a plain CSV the food chosen for each name.
    choices = models.JSONField(default=dict)
    is_confirmed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import of {self.file_name} ({self.get_status_display()})"
