from datetime import date

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.template import loader
from django.utils import timezone

from accounts.models import DEFAULT_TIME_ZONE, LifeStage, Profile, Sex, time_zone_names, validate_time_zone
from accounts.tasks import queue_email
from core.reference import age_in_months

OLDEST_AGE_YEARS = 125


# The profile rules, shared by the profile page and the API.
def validate_birth_date(birth_date: date) -> None:
    """A birth date lies in the past, within OLDEST_AGE_YEARS."""
    today = timezone.localdate()
    if birth_date > today:
        raise ValidationError("Your birth date cannot be in the future.")
    if age_in_months(birth_date, today) >= OLDEST_AGE_YEARS * 12:
        raise ValidationError(f"Enter a birth date within the last {OLDEST_AGE_YEARS} years.")


def validate_life_stage(birth_date: date | None, sex: str | None, life_stage: str | None) -> None:
    """Pregnancy and breastfeeding need sex 'female' and an age the reference table covers."""
    if not life_stage or life_stage == LifeStage.NONE:
        return
    if sex != Sex.FEMALE:
        raise ValidationError({"life_stage": "Pregnancy and breastfeeding apply only with sex 'Female'."})
    if birth_date and not 14 <= age_in_months(birth_date, timezone.localdate()) // 12 <= 50:
        message = "The reference table has pregnancy and breastfeeding values for ages 14 to 50 only."
        raise ValidationError({"life_stage": message})


class LoginForm(AuthenticationForm):
    """Django's login form, refusing a username longer than any account's before it reaches
    authentication (django-axes stores failed usernames in 255 characters)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(time_zone_names())]


class SignupForm(UserCreationForm):
    email = forms.EmailField(help_text="Used only to reset your password.")
    # Filled in by static/js/time_zone.js from the browser; empty (UTC) without JavaScript.
    # A plain Field: a guess too long or with a control character is dropped, not refused.
    time_zone = forms.Field(required=False, widget=forms.HiddenInput)

    def clean_time_zone(self) -> str:
        """The browser's time zone, or "" when it sent none or one this server does not know:
        a wrong guess is never a reason to refuse a sign-up."""
        name = str(self.cleaned_data["time_zone"] or "").strip()
        try:
            validate_time_zone(name)
        except ValidationError:
            return ""
        return name

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = Profile.EDITABLE_FIELDS
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
        self.fields["time_zone"] = forms.ChoiceField(
            choices=time_zone_choices(),
            required=False,
            initial=self.fields["time_zone"].initial,
            help_text=Profile._meta.get_field("time_zone").help_text,
        )

    def clean_birth_date(self) -> date:
        birth_date = self.cleaned_data["birth_date"]
        validate_birth_date(birth_date)
        return birth_date

    def clean_time_zone(self) -> str:
        """Left out (an older form, a script), the time zone stays as it was."""
        return self.cleaned_data["time_zone"] or self.instance.time_zone or DEFAULT_TIME_ZONE

    def clean(self):
        data = super().clean()
        try:
            validate_life_stage(data.get("birth_date"), data.get("sex"), data.get("life_stage"))
        except ValidationError as error:
            self.add_error(None, error)
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


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the e-mail sent by a worker: the page answers at once,
    and a mail server that is slow or down for a moment is tried again."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html = None
        if html_email_template_name:
            html = loader.render_to_string(html_email_template_name, context)
        queue_email(subject, body, from_email, [to_email], html)
