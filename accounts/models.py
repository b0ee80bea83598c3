import zoneinfo
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from core import reference
from core.targets import ProfileFacts

# A sanity bound that catches typing slips (mg for g), not a clinical limit.
MAX_CLINICIAN_TARGET_MG = 2000


DEFAULT_TIME_ZONE = "UTC"


@cache
def time_zone_names() -> frozenset[str]:
    """The IANA time zone names this machine knows (tzdata)."""
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(name: str) -> None:
    if name not in time_zone_names():
        raise ValidationError("Choose a time zone by its IANA name, such as Europe/Paris.", code="invalid")


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"


class LifeStage(models.TextChoices):
    NONE = "none", "Neither"
    PREGNANT = "pregnant", "Pregnant"
    LACTATING = "lactating", "Breastfeeding (lactating)"


class ReferenceStandard(models.TextChoices):
    NIH = reference.NIH, "NIH Office of Dietary Supplements (US, IOM 1997)"
    EFSA = reference.EFSA, "European Food Safety Authority (EFSA, 2015)"
    UK = reference.UK, "UK Department of Health (COMA, 1991)"


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    birth_date = models.DateField()
    sex = models.CharField(
        "sex for reference values",
        max_length=6,
        choices=Sex,
        help_text="Reference intakes differ by sex; it is used only to pick yours.",
    )
    life_stage = models.CharField(max_length=10, choices=LifeStage, default=LifeStage.NONE)
    has_ckd = models.BooleanField(
        "I have chronic kidney disease (CKD)",
        default=False,
        help_text="Kidneys that work less well clear magnesium less well; the app then "
        "shows no standard goal, only a target your kidney team gives you, and asks you to "
        "follow their advice.",
    )
    reference_standard = models.CharField(
        max_length=10, choices=ReferenceStandard, default=ReferenceStandard.NIH
    )
    # A plain IntegerField so that the form says "at least 1" for any number below 1.
    clinician_target_mg = models.IntegerField(
        "magnesium target from your clinician (mg a day)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CLINICIAN_TARGET_MG)],
        help_text="Only if your doctor, nephrologist or dietitian gave you a personal daily "
        "magnesium target. When set, it replaces the reference intake everywhere in the app.",
    )
    time_zone = models.CharField(
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text="Your days start and end at midnight in this time zone (an IANA name).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    # What a user edits of their profile, on the page and through the API alike.
    EDITABLE_FIELDS = (
        "birth_date",
        "sex",
        "life_stage",
        "has_ckd",
        "reference_standard",
        "clinician_target_mg",
        "time_zone",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(clinician_target_mg__isnull=True)
                | Q(clinician_target_mg__gte=1, clinician_target_mg__lte=MAX_CLINICIAN_TARGET_MG),
                name="profile_clinician_target_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def facts(self) -> ProfileFacts:
        """The profile as plain values, for the rules in core/."""
        return ProfileFacts(
            birth_date=self.birth_date,
            sex=self.sex,
            life_stage=self.life_stage,
            has_ckd=self.has_ckd,
            reference_standard=self.reference_standard,
            clinician_target_mg=self.clinician_target_mg,
        )


class ApiToken(models.Model):
    """A key for the API (`Authorization: Token <key>`). Only a SHA-256 digest of the key is
    stored: the key is shown once, when it is made, and a copy of the database gives no access.
    It ends at expires_at, when its owner revokes it, and when the owner's password changes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    # The key's first characters, to tell tokens apart in the list; too short to guess the rest.
    prefix = models.CharField(max_length=8)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"API token {self.prefix}… of {self.user}"
