from datetime import date

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils import timezone

from accounts.models import LifeStage, Profile, Sex
from tracker.reference import age_in_months

OLDEST_AGE_YEARS = 125


class SignupForm(UserCreationForm):
    email = forms.EmailField(help_text="Used only to reset your password.")

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ("birth_date", "sex", "life_stage", "has_ckd", "reference_standard", "clinician_target_mg")
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}),
            "sex": forms.RadioSelect,
            "life_stage": forms.RadioSelect,
            "reference_standard": forms.RadioSelect,
        }
        help_texts = {
            "life_stage": "Only for women aged 14 to 50: pregnancy and breastfeeding change the reference.",
            "reference_standard": "The table your daily reference intake comes from: US "
            "Recommended Dietary Allowances, EU Adequate Intakes or UK Reference Nutrient Intakes.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sex"].choices = Sex.choices  # no "---------" radio button

    def clean_birth_date(self) -> date:
        birth_date = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if birth_date > today:
            raise forms.ValidationError("Your birth date cannot be in the future.")
        if age_in_months(birth_date, today) >= OLDEST_AGE_YEARS * 12:
            raise forms.ValidationError(f"Enter a birth date within the last {OLDEST_AGE_YEARS} years.")
        return birth_date

    def clean(self):
        data = super().clean()
        birth_date, sex, life_stage = data.get("birth_date"), data.get("sex"), data.get("life_stage")
        if life_stage and life_stage != LifeStage.NONE:
            if sex != Sex.FEMALE:
                self.add_error("life_stage", "Pregnancy and breastfeeding apply only with sex 'Female'.")
            elif birth_date and not 14 <= age_in_months(birth_date, timezone.localdate()) // 12 <= 50:
                self.add_error(
                    "life_stage",
                    "The reference table has pregnancy and breastfeeding values for ages 14 to 50 only.",
                )
        return data


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for its password again."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To make sure it is you.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password; nothing was deleted.")
        return password
