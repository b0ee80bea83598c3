from django.conf import settings
from django.db import models


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"


class LifeStage(models.TextChoices):
    NONE = "none", "Neither"
    PREGNANT = "pregnant", "Pregnant"
    LACTATING = "lactating", "Breastfeeding (lactating)"


class ReferenceStandard(models.TextChoices):
    NIH = "nih", "NIH Office of Dietary Supplements (US, IOM 1997)"


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
        "shows no goal bar and asks you to follow your kidney team's advice.",
    )
    reference_standard = models.CharField(
        max_length=10, choices=ReferenceStandard, default=ReferenceStandard.NIH
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of {self.user}"
