"""The bad-input corpus: values no form or API write may accept, and every place that takes input.

tests/test_bad_input.py sends each bad value to each field of each target below and checks that
the answer is below 500, says what is wrong about that field, and that no row changed.

Adding a form or an API write is one `Target(...)` line in TARGETS. For an API write, name its
fields with the corpus lists wrapped in `api(...)`, which adds the wrong JSON types.
"""

from dataclasses import dataclass, field
from typing import Any

from tracker.importing.forms import key_of

MISSING = object()  # the field is left out of the request


def values(*pairs) -> tuple[tuple[str, Any], ...]:
    return tuple(pairs)


EMPTY = values(("empty", ""), ("spaces", "   "))
CONTROL = values(("NUL", "\x00"), ("NUL inside", "12\x00"), ("escape sequence", "\x1b[2J"), ("bell", "\x07"))

# Numbers that must be above 0 (amounts, doses, quantities).
POSITIVE = values(
    *EMPTY,
    ("negative", "-1"),
    ("zero", "0"),
    ("huge", "1" + "0" * 30),
    ("huge exponent", "1e400"),
    ("exponent notation, beyond any limit", "1.00e9"),  # the CSV import read "1.00e9 tablet" as 1
    ("NaN", "NaN"),
    ("signalling NaN", "sNaN"),
    ("Infinity", "Infinity"),
    ("-Infinity", "-Infinity"),
    ("non-numeric", "abc"),
    ("unit typed in", "12 mg"),
    ("hexadecimal", "0x10"),
    ("overlong", "9" * 5000),
    ("too many decimals", "1.0000001"),
    ("vulgar fraction", "½"),
    ("NUL", "\x00"),
    ("NUL inside", "12\x00"),
)
# Per-100 g nutrients may be 0 (water has no fibre) and left empty (unknown).
NON_NEGATIVE = tuple(pair for pair in POSITIVE if pair[0] not in ("empty", "spaces", "zero"))

# The supplement product of the import preview (tests/test_bad_input.py, import_preview).
IMPORTED_PRODUCT = key_of("Magnesium glycinate 120 mg")

DATES = values(
    *EMPTY,
    ("non-date", "abc"),
    ("month 13", "2026-13-01"),
    ("30 February", "2026-02-30"),
    ("year 0", "0000-01-01"),
    ("far past", "0001-01-01"),
    ("before 1900", "1899-12-31"),
    ("far future", "9999-12-31"),
    ("five-digit year", "20260-01-01"),
    ("negative year", "-2026-01-01"),
    ("number", "20260101"),
    ("overlong", "2026-01-01" * 500),
    ("NUL inside", "2026-01-01\x00"),
    ("Devanagari digits", "२०२६-०१-०१"),
)
# A birth date: a date in the future is as bad as a malformed one.
BIRTH_DATES = values(*(pair for pair in DATES if pair[0] != "before 1900"), ("tomorrow-ish", "2999-01-01"))


def choices_corpus(valid: str) -> tuple[tuple[str, Any], ...]:
    return values(
        *EMPTY,
        ("unknown choice", "brunch"),
        ("upper case", valid.upper()),
        ("padded", f" {valid}x"),
        ("overlong", valid * 1000),
        ("NUL inside", f"{valid}\x00"),
        ("emoji", "💊"),
    )


NAMES = values(
    *EMPTY,
    *CONTROL,
    ("line break", "Magnesium\ncitrate"),
    ("tab", "Magnesium\tcitrate"),
    ("bidi override", "Magnesium \u202ecitrate"),
    ("only a zero-width space", "\u200b"),
    ("only invisible characters", "\u200b\u200d\ufeff \u2060"),
    ("overlong", "M" * 1000),
)
EMAILS = values(
    *EMPTY,
    ("no at sign", "alice.example.com"),
    ("no domain", "alice@"),
    ("space inside", "ali ce@example.com"),
    ("overlong", "a" * 320 + "@example.com"),
    ("NUL", "alice\x00@example.com"),
    ("emoji", "💊@💊"),
)
USERNAMES = values(
    *EMPTY,
    ("space inside", "new user"),
    ("markup", "<script>"),
    ("overlong", "u" * 151),
    ("NUL", "new\x00user"),
    ("escape sequence", "\x1b[2J"),
    ("taken", "alice"),
)
# A wrong password for a login or a confirmation: nothing about it may be stored.
WRONG_PASSWORDS = values(
    *EMPTY,
    ("wrong", "not-the-password"),
    ("NUL", "a-long-test-password\x00"),
    ("case flipped", "A-LONG-TEST-PASSWORD"),
    ("overlong", "p" * 5000),
)
# A new password Django's validators refuse. Long passwords are allowed on purpose (ASVS 6.2.9).
NEW_PASSWORDS = values(
    ("empty", ""),
    ("short", "Kale&Q1"),
    ("common", "password1234"),
    ("numeric", "73104285619274"),
    ("NUL", "Kale&Quinoa-2026\x00"),
    ("like the username", "alice-alice-alice"),
)
SEARCH_TEXT = values(("overlong", "q" * 1000))


# What a JSON body may hold besides strings: each is wrong for every field of the API.
JSON_TYPES = values(
    ("missing", MISSING),
    ("null", None),
    ("true", True),
    ("false", False),
    ("list", ["lunch"]),
    ("empty list", []),
    ("object", {"value": 1}),
    ("float", 1.5),
    ("huge integer", 10**30),
    ("NaN number", float("nan")),
    ("Infinity number", float("inf")),
    ("lone surrogate", "\ud800"),
)
NULLABLE_JSON_TYPES = tuple(pair for pair in JSON_TYPES if pair[0] not in ("missing", "null"))


# An amount takes a JSON number as it takes a string of digits (issue 15): these numbers are wrong.
WRONG_NUMBERS = values(
    ("number with too many places", 1.0000001),
    ("negative number", -1),
    ("zero number", 0),
    ("tiny number", 1e-30),
    ("huge exponent number", 1e300),
)


def api(corpus, nullable: bool = False, optional: bool = False, number: bool = False):
    """A form corpus plus the JSON types: for a field of an API write. number: an amount, for
    which a JSON number is fine in itself (the float 1.5 is left out), and wrong numbers are added."""
    extra = NULLABLE_JSON_TYPES if nullable else JSON_TYPES
    if number:
        extra = (*(pair for pair in extra if pair[0] != "float"), *WRONG_NUMBERS)
    if optional:
        extra = tuple(pair for pair in extra if pair[0] != "missing")
    return (*corpus, *extra)


def ids(*, nullable: bool = False):
    """An object id in JSON: another user's, unknown, negative, or not an integer."""
    wrong = values(
        ("unknown id", 999_999),
        ("negative id", -1),
        ("zero id", 0),
        ("id as text", "1"),
        ("id as float", 1.0),
        ("other user's", "OTHER"),
    )
    return api(wrong, nullable=nullable, optional=nullable)


BOOLEANS = tuple(
    pair
    for pair in api(values(("text true", "true"), ("one", 1), ("yes", "yes")), optional=True)
    if pair[0] not in ("true", "false")
)


@dataclass(frozen=True)
class Target:
    """Somewhere input arrives: a form (POST, or GET for a query-string form) or an API write.

    url and data are names of attributes of the test's world (see tests/test_bad_input.py) or
    plain values; fields maps each field to the corpus sent to it. login: "alice" or None.
    general_errors: an error about the whole form is a fair answer (wrong credentials).
    """

    name: str
    method: str
    url: str
    data: str
    fields: dict[str, tuple]
    api: bool = False
    login: str | None = "alice"
    general_errors: bool = False
    prefix: str = ""
    # Where a field's errors may also show: Django puts a weak new password's under its confirmation.
    errors_under: dict[str, str] = field(default_factory=dict)


def entry_json(dates=DATES) -> dict:
    return {"date": api(dates), "meal": api(choices_corpus("lunch")), "food": ids()}


ENTRY_AMOUNT_JSON = {
    "portion": ids(nullable=True),
    "quantity": api(POSITIVE, optional=True, number=True),
}
AMOUNT_G_JSON = api(POSITIVE, number=True)
PROFILE_JSON = {
    "birth_date": api(BIRTH_DATES),
    "sex": api(choices_corpus("female")),
    "life_stage": api(choices_corpus("none"), optional=True),
    "has_ckd": BOOLEANS,
    "reference_standard": api(choices_corpus("nih"), optional=True),
    "clinician_target_mg": api(
        values(("zero", 0), ("negative", -1), ("over 2000", 2001), ("text", "lots"), ("fraction", 250.5)),
        nullable=True,
        optional=True,
    ),
}
SUPPLEMENT_FIELDS = {
    "date": DATES,
    "name": NAMES,
    "form": choices_corpus("citrate"),
    "elemental_mg": POSITIVE,
    "doses": POSITIVE,
}
SUPPLEMENT_JSON = {
    "date": api(DATES),
    "name": api(NAMES),
    "form": api(choices_corpus("citrate")),
    "elemental_mg": api(POSITIVE, nullable=True, optional=True, number=True),
    "doses": api(POSITIVE, optional=True, number=True),
}
# No portions at all is a fair custom food: "portions" may be left out or an empty list.
PORTIONS_JSON = values(
    ("portion as text", "1 bottle"),
    ("portion without grams", [{"description": "1 cup"}]),
    ("portion of 0 g", [{"description": "1 cup", "grams": "0"}]),
    ("blank portion name", [{"description": " ", "grams": "250"}]),
    ("21 portions", [{"description": "1 cup", "grams": "1"}] * 21),
)


def but_zero(corpus):
    """Per-100 g amounts may be 0: the JSON number 0 is fine for them."""
    return tuple(pair for pair in corpus if pair[0] != "zero number")


CUSTOM_FOOD_JSON = {
    "name": api(NAMES),
    "magnesium_mg": but_zero(api(POSITIVE[:2] + NON_NEGATIVE, number=True)),
    "calcium_mg": but_zero(api(NON_NEGATIVE, nullable=True, optional=True, number=True)),
    "portions": tuple(pair for pair in api(PORTIONS_JSON, optional=True) if pair[0] != "empty list"),
}
CUSTOM_FOOD_FIELDS = {
    "name": NAMES,
    "basis": choices_corpus("100g"),
    "magnesium_mg": POSITIVE[:2] + NON_NEGATIVE,
    "calcium_mg": NON_NEGATIVE,
    "fiber_g": NON_NEGATIVE,
    "portions-0-description": NAMES[2:],  # an empty portion row is left out, not refused
    "portions-0-grams": POSITIVE[2:],
}

# A form sent twice (a double click, a page sent again): what the second answer says. Forms that
# add something carry a one-time token (tracker/once.py) and write once; the others are
# idempotent or refuse the repeat. Every POST target not named here must leave the rows as the
# first submission left them.
REPEATED = "That form was sent twice; it was saved only once."
DUPLICATE_MESSAGES = {
    "signup": "Today",  # already logged in: on to the day page, no second account
    "password change": "Your old password was entered incorrectly.",
    "profile": "Profile saved.",
    "entry new (portion)": REPEATED,
    "entry new (grams)": REPEATED,
    "supplement new": REPEATED,
    "supplement again": REPEATED,
    "log again": REPEATED,
    "copy day": REPEATED,
    "custom food new": REPEATED,
    "share new (days)": REPEATED,
    "share new (range)": REPEATED,
}
# An API POST adds a new row each time, as REST clients expect (the model it adds to); PUT and
# PATCH are idempotent.
API_CREATES = {
    "api token": "accounts.ApiToken",  # each request for a token makes a new one (only its digest is kept)
    "api entry create (portion)": "tracker.IntakeEntry",
    "api entry create (grams)": "tracker.IntakeEntry",
    "api supplement create": "tracker.SupplementEntry",
    "api custom food create": "foods.Food",
    "api share create": "tracker.Share",  # each POST makes a new link
    "api share create (range)": "tracker.Share",
}

# Tallied by the test run; tests/conftest.py prints the figures at the end.
TALLY = {"inputs": 0, "server_errors": 0, "writes": 0}

# fmt: off
TARGETS = [
    # Accounts
    Target("signup", "post", "signup_url", "signup_data", {
        "username": USERNAMES, "email": EMAILS, "password1": NEW_PASSWORDS, "password2": WRONG_PASSWORDS,
    }, login=None, errors_under={"password1": "password2"}),
    Target("login", "post", "login_url", "login_data", {
        "username": values(*EMPTY, *CONTROL, ("overlong", "u" * 5000), ("unknown", "mallory")),
        "password": WRONG_PASSWORDS,
    }, login=None, general_errors=True),
    Target("password reset", "post", "password_reset_url", {"email": "alice@example.com"}, {
        "email": EMAILS,
    }, login=None),
    Target("password change", "post", "password_change_url", "password_change_data", {
        "old_password": WRONG_PASSWORDS, "new_password1": NEW_PASSWORDS, "new_password2": WRONG_PASSWORDS,
    }, errors_under={"new_password1": "new_password2"}),
    Target("profile", "post", "profile_url", "profile_data", {
        "birth_date": BIRTH_DATES,
        "sex": choices_corpus("female"),
        "life_stage": choices_corpus("none"),
        "reference_standard": choices_corpus("nih"),
        "clinician_target_mg": POSITIVE[2:],
    }),
    Target("account delete", "post", "delete_url", {"password": "a-long-test-password"}, {
        "password": WRONG_PASSWORDS,
    }),
    # The food log
    Target("entry new (portion)", "post", "entry_new_url", "entry_portion_data", {
        "date": DATES, "meal": choices_corpus("lunch"), "portion": values(("unknown id", "999999"),
        ("other food's portion", "OTHER"), ("non-numeric", "abc")), "quantity": POSITIVE,
    }),
    Target("entry new (grams)", "post", "entry_new_url", "entry_grams_data", {"grams": POSITIVE}),
    Target("entry edit", "post", "entry_edit_url", "entry_portion_data", {
        "date": DATES, "meal": choices_corpus("lunch"), "quantity": POSITIVE,
    }),
    Target("supplement new", "post", "supplement_new_url", "supplement_data", SUPPLEMENT_FIELDS),
    Target("supplement edit", "post", "supplement_edit_url", "supplement_data", {
        **SUPPLEMENT_FIELDS, "compound_mg": POSITIVE[2:],
    }),
    Target("supplement again", "post", "supplement_again_url", "tomorrow_data", {"date": DATES}),
    Target("log again", "post", "log_again_url", "log_again_data", {
        "date": DATES, "meal": choices_corpus("lunch"),
    }),
    Target("copy day", "post", "copy_day_url", "copy_data", {
        "date": DATES, "meal": choices_corpus("lunch")[2:],
    }, prefix="copy-"),
    Target("custom food new", "post", "custom_new_url", "custom_new_data", CUSTOM_FOOD_FIELDS),
    Target("custom food edit", "post", "custom_edit_url", "custom_edit_data", CUSTOM_FOOD_FIELDS),
    Target("share new (days)", "post", "shares_url", {"days": "30", "expires_in_days": "30"}, {
        "days": values(*POSITIVE, ("too few", "6"), ("too many", "366")),
        "expires_in_days": values(*POSITIVE, ("too long", "91")),
    }),
    Target("share new (range)", "post", "shares_url", "range_share_data", {"start": DATES, "end": DATES}),
    Target("import confirm", "post", "import_url", "import_data", {
        f"form_{IMPORTED_PRODUCT}": choices_corpus("glycinate"), f"elemental_{IMPORTED_PRODUCT}": POSITIVE,
    }),
    # Forms in a query string
    Target("go to date", "get", "jump_url", "tomorrow_data", {"date": DATES}),
    Target("supplements of a day", "get", "supplements_url", "tomorrow_data", {"date": DATES}),
    Target("trends period", "get", "trends_url", {"days": "30"}, {
        "days": values(*POSITIVE, ("not offered", "31"), ("list", "7,30")),
    }),
    Target("report range", "get", "report_url", "range_data", {"start": DATES, "end": DATES}),
    Target("export range", "get", "export_url", "range_data", {"start": DATES, "end": DATES}),
    Target("food search", "get", "foods_url", {"q": "pumpkin"}, {
        # An empty group or order means all groups, by relevance.
        "q": SEARCH_TEXT, "category": choices_corpus("Nut and Seed Products")[2:],
        "sort": choices_corpus("magnesium")[2:],
    }),
    # The API
    Target("api token", "post", "/api/v1/auth/token/", "login_data", {
        "username": api(values(*EMPTY, *CONTROL, ("overlong", "u" * 5000))),
        "password": api(WRONG_PASSWORDS),
    }, api=True, login=None, general_errors=True),
    Target("api profile put", "put", "/api/v1/profile/", "profile_json", PROFILE_JSON, api=True),
    Target("api profile patch", "patch", "/api/v1/profile/", "profile_json", {
        name: tuple(pair for pair in corpus if pair[0] != "missing") for name, corpus in PROFILE_JSON.items()
    }, api=True),
    Target("api entry create (portion)", "post", "/api/v1/entries/", "entry_portion_json", {
        **entry_json(), **ENTRY_AMOUNT_JSON,
    }, api=True),
    Target("api entry create (grams)", "post", "/api/v1/entries/", "entry_grams_json", {
        "amount_g": AMOUNT_G_JSON,
    }, api=True),
    Target("api entry put", "put", "entry_api_url", "entry_portion_json", {
        **entry_json(), **ENTRY_AMOUNT_JSON,
    }, api=True),
    Target("api entry patch", "patch", "entry_api_url", {}, {
        name: tuple(pair for pair in corpus if pair[0] != "missing")
        for name, corpus in {**entry_json(), **ENTRY_AMOUNT_JSON, "amount_g": AMOUNT_G_JSON}.items()
    }, api=True),
    Target("api supplement create", "post", "/api/v1/supplements/", "supplement_json",
           SUPPLEMENT_JSON, api=True),
    Target("api supplement put", "put", "supplement_api_url", "supplement_json", SUPPLEMENT_JSON, api=True),
    Target("api supplement patch", "patch", "supplement_api_url", {}, {
        name: tuple(pair for pair in corpus if pair[0] != "missing")
        for name, corpus in SUPPLEMENT_JSON.items()
    }, api=True),
    Target("api custom food create", "post", "/api/v1/foods/", "custom_food_json",
           CUSTOM_FOOD_JSON, api=True),
    Target("api share create", "post", "/api/v1/shares/", {"days": 30, "expires_in_days": 30}, {
        "days": api(values(*POSITIVE, ("too few", 6), ("too many", 366))),
        "expires_in_days": api(values(*POSITIVE, ("too long", 91)), optional=True),
    }, api=True),
    Target("api share create (range)", "post", "/api/v1/shares/", "range_share_json", {
        "start": api(DATES), "end": api(DATES),
    }, api=True),
]
# fmt: on
