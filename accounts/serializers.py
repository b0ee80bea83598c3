from rest_framework import serializers

from accounts.forms import validate_birth_date, validate_life_stage
from accounts.models import Profile
from core.rest import IsoDateField, KnownFieldsOnly, StrictBooleanField


class ProfileSerializer(KnownFieldsOnly, serializers.ModelSerializer):
    """What picks your reference intake. The same rules as the profile page apply."""

    birth_date = IsoDateField(validators=[validate_birth_date])
    has_ckd = StrictBooleanField(required=False, help_text=Profile._meta.get_field("has_ckd").help_text)

    class Meta:
        model = Profile
        fields = Profile.EDITABLE_FIELDS

    def validate(self, attrs):
        current = {name: getattr(self.instance, name, None) for name in ("birth_date", "sex", "life_stage")}
        values = {**current, **attrs}
        validate_life_stage(values["birth_date"], values["sex"], values["life_stage"])
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")
    expires_at = serializers.DateTimeField(help_text="When the token stops working.")
