"""What the benchmark measures: one entry per operation.

A path may hold placeholders filled per request: {day} (a day of the data year), {today},
{food} and {portion} (a food people log, with one of its portions), {query} (a food search),
{username} and {password}. An operation whose path does not resolve in the URLconf is
reported as "not available" and not driven. The trends URLs are the trends page's to
decide: change them here when it lands.
"""

from dataclasses import dataclass, field

# The people in the benchmark data; the load client logs in as the first ones.
USERS = 200
USERNAME = "bench{:03d}"
PASSWORD = "bench-password-shared-by-all-users"


@dataclass(frozen=True)
class Operation:
    name: str
    path: str
    method: str = "GET"
    form: dict[str, str] = field(default_factory=dict)  # POST fields besides the CSRF token
    budget: float | None = None  # p50 at most this many times the floor's p50

    @property
    def expected_status(self) -> int:
        return 302 if self.method == "POST" else 200  # a POST that works redirects


FLOOR = Operation("floor", "/bench/floor/")

# In the order they run; log in comes last because it rotates the client's session.
# Budgets: issue 14's for the daily loop (day page 4×, search 3×, summary and logging 2×).
OPERATIONS = [
    Operation("day page", "/day/{day}/", budget=4),
    Operation(
        "log an entry",
        "/log/{food}/",
        method="POST",
        form={"date": "{today}", "meal": "snack", "portion": "{portion}", "quantity": "1", "grams": ""},
        budget=2,
    ),
    Operation("summary API", "/api/v1/summary/?date={day}", budget=2),
    Operation("trends, 30 days", "/trends/?days=30"),
    Operation("trends, 365 days", "/trends/?days=365", budget=4),
    Operation("food search", "/foods/?q={query}", budget=3),
    Operation(
        "log in", "/accounts/login/", method="POST", form={"username": "{username}", "password": "{password}"}
    ),
]

# What people type in the food search: single foods, two words, broad words with hundreds
# of matches ("milk", "chicken") and narrow ones.
SEARCHES = [
    "almond", "spinach raw", "banana", "black beans", "milk", "chicken breast", "brown rice",
    "oat", "yogurt plain", "cheddar", "salmon", "broccoli", "potato baked", "whole wheat bread",
    "pumpkin seed", "dark chocolate", "avocado", "egg", "coffee", "tofu", "cashew", "lentils",
    "quinoa", "apple",
]  # fmt: skip
