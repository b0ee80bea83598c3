from django.contrib import admin

from accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "sex", "life_stage", "has_ckd", "reference_standard", "clinician_target_mg")
    list_filter = ("sex", "life_stage", "has_ckd", "reference_standard")
    search_fields = ("user__username",)
    raw_id_fields = ("user",)
