"""Every rule about what a user with chronic kidney disease (CKD) is shown, and its wording
(pure; no Django). The facts behind the wording: shared/CONTENT.md, "What the CKD prompt
must convey". The rules never nudge towards more magnesium: no goal but a clinician's, no
food suggestions, no praise in claims, no one-click supplements."""

NOTICE = (
    "You told us you have chronic kidney disease. Kidneys that work less well may not "
    "clear extra magnesium, and magnesium-rich foods often bring potassium and phosphorus "
    "too. Ask your nephrologist or renal dietitian for your own magnesium, potassium and "
    "phosphorus targets, and take no magnesium, calcium, vitamin D or vitamin K supplement "
    "unless your kidney team advises it. Standard goals are not shown for you."
)
# Shown on the supplement form, before anything is saved (points 1 and 2).
SUPPLEMENT_WARNING = (
    "Kidneys that work less well cannot remove extra magnesium, so magnesium from "
    "supplements, antacids, laxatives (such as milk of magnesia or magnesium oxide) or "
    "enemas can build up in the blood. This is called hypermagnesemia. It can cause nausea, "
    "flushing, low blood pressure, weakness, drowsiness and an irregular heartbeat. Take no "
    "magnesium, calcium, vitamin D or vitamin K supplement unless your kidney team has "
    "advised it. In the largest blinded trial in people with kidney disease, magnesium "
    "supplements did not slow artery calcification compared with placebo, and serious side "
    "effects were more frequent with them. Vitamin K also interferes with warfarin."
)
NO_TARGET = (
    "No goal is shown for you. Ask your kidney team (nephrologist or renal dietitian) for a "
    "personal magnesium target; if they give you one, enter it in your profile and each day "
    "will show your progress against it."
)

# Said on any day a user with CKD logs supplemental magnesium (point 2): no limit is theirs.
SUPPLEMENT_NOTICE = (
    "You logged magnesium from a supplement on this day. The 350 mg upper limit for supplements "
    "is for people with healthy kidneys; no figure is safe for you without your kidney team. Any "
    "magnesium supplement, antacid or laxative needs your kidney team's approval."
)
# Shown where others see their supplement limit.
NO_SUPPLEMENT_LIMIT = (
    "No upper limit is shown for you: the published limits for magnesium supplements are for "
    "people with healthy kidneys. Any magnesium supplement, antacid or laxative needs your "
    "kidney team's approval."
)
# A shared report (tracker/share_views.py) is read by the user's clinician: the same rules,
# said about the user rather than to them.
SHARED_NOTE = (
    "The person who shared this report says in their profile that they have chronic kidney "
    "disease. The app therefore shows them no standard magnesium goal (only a target from their "
    "clinician, if they entered one), suggests no foods or supplements, and lists phosphorus and "
    "potassium beside magnesium."
)
SHARED_NO_TARGET = (
    "No target is shown: no personal magnesium target from a clinician has been entered, and "
    "standard goals are not shown for people with kidney disease."
)
SHARED_NO_SUPPLEMENT_LIMIT = (
    "No upper limit is shown: the published limits for magnesium supplements are for people "
    "with healthy kidneys."
)
# Who a notice tells the user to ask about their supplements.
ASK_KIDNEY_TEAM = "Talk to your kidney team (nephrologist or renal dietitian) about the supplements you take."
ASK_DOCTOR = "Talk to your doctor or pharmacist about the supplements you take."

# Magnesium-rich foods often bring phosphorus and potassium (point 3), so a user with CKD
# sees them beside magnesium wherever foods are listed.
KIDNEY_MINERALS = ("magnesium_mg", "phosphorus_mg", "potassium_mg")
MAGNESIUM_ONLY = ("magnesium_mg",)


def shows_standard_goal(has_ckd: bool) -> bool:
    """Whether a day may show a goal from a reference table (never with CKD: point 6)."""
    return not has_ckd


def suggests_foods(has_ckd: bool) -> bool:
    """Whether a day below its target may suggest foods to eat (never with CKD: point 5)."""
    return not has_ckd


def minerals_shown(has_ckd: bool) -> tuple[str, ...]:
    """The food fields listed for a food: magnesium, and with CKD phosphorus and potassium."""
    return KIDNEY_MINERALS if has_ckd else MAGNESIUM_ONLY


def uses_neutral_claims(has_ckd: bool) -> bool:
    """Whether claims are worded as plain facts ("20 % DV or more") instead of praise."""
    return has_ckd


def may_log_supplements_in_one_click(has_ckd: bool) -> bool:
    """Whether supplements may be logged again or copied with a day without the kidney
    warning; with CKD each one goes through the form that shows it (point 2)."""
    return not has_ckd


def shows_supplement_limit(has_ckd: bool) -> bool:
    """Whether a supplement limit figure is shown as the user's (never with CKD: point 2)."""
    return not has_ckd


def who_to_ask(has_ckd: bool) -> str:
    """The sentence a notice ends with: the kidney team with CKD, else a doctor or pharmacist."""
    return ASK_KIDNEY_TEAM if has_ckd else ASK_DOCTOR
