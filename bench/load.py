"""A small asyncio load client: CLIENTS people, each logged in as their own user, each sending
one request after another for SECONDS_PER_OPERATION. Operations run one at a time, the floor
first and last."""

import asyncio
import random
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote_plus

import aiohttp
from yarl import URL

from bench.operations import FLOOR, SEARCHES, Operation

CLIENTS = 50
SECONDS_PER_OPERATION = 10  # no new request after this; the ones under way finish
TIMEOUT = aiohttp.ClientTimeout(total=60)
LOGIN = "/accounts/login/"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Context:
    """What a client needs to fill the paths: the data's days, foods people log, the users."""

    days: list[str]
    today: str
    foods: list[tuple[int, int]]  # (food id, portion id)
    usernames: list[str]
    password: str


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    errors: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def summary(self) -> dict:
        row = {"name": self.name, "samples": len(self.latencies), "errors": dict(self.errors)}
        row["throughput"] = (len(self.latencies) + self.errors.total()) / self.seconds if self.seconds else 0
        if len(self.latencies) >= 2:
            cuts = statistics.quantiles(self.latencies, n=100, method="inclusive")
            row.update(p50=cuts[49] * 1000, p95=cuts[94] * 1000, p99=cuts[98] * 1000)
        return row


class Client:
    def __init__(self, base_url: str, username: str, context: Context, rng: random.Random):
        # unsafe=True: keep cookies from an IP address host (127.0.0.1)
        jar = aiohttp.CookieJar(unsafe=True)
        self.base_url = URL(base_url)
        self.session = aiohttp.ClientSession(self.base_url, cookie_jar=jar, timeout=TIMEOUT)
        self.username, self.context, self.rng = username, context, rng

    def values(self) -> dict[str, str]:
        food, portion = self.rng.choice(self.context.foods)
        return {
            "day": self.rng.choice(self.context.days),
            "today": self.context.today,
            "food": str(food),
            "portion": str(portion),
            "query": quote_plus(self.rng.choice(SEARCHES)),
            "username": self.username,
            "password": self.context.password,
        }

    def csrf_token(self) -> str:
        cookie = self.session.cookie_jar.filter_cookies(self.base_url).get("csrftoken")
        return cookie.value if cookie else ""

    async def send(self, operation: Operation) -> tuple[int, float]:
        values = self.values()
        data = None
        if operation.method == "POST":
            data = {name: value.format(**values) for name, value in operation.form.items()}
            data["csrfmiddlewaretoken"] = self.csrf_token()
        started = time.perf_counter()
        async with self.session.request(
            operation.method, operation.path.format(**values), data=data, allow_redirects=False
        ) as response:
            await response.read()
        return response.status, time.perf_counter() - started

    async def log_in(self) -> None:
        """Open the login page (CSRF cookie and form token) and post the form, as a browser does."""
        async with self.session.get(LOGIN) as response:
            token = CSRF_FIELD.search(await response.text())
        data = {"username": self.username, "password": self.context.password, "csrfmiddlewaretoken": token[1]}
        async with self.session.post(LOGIN, data=data, allow_redirects=False) as response:
            if response.status != 302:
                raise RuntimeError(f"{self.username} could not log in: HTTP {response.status}")

    async def close(self) -> None:
        await self.session.close()


async def measure(clients: list[Client], operation: Operation) -> Result:
    result = Result(operation.name)
    deadline = time.perf_counter() + SECONDS_PER_OPERATION

    async def one_client(client: Client) -> None:
        while time.perf_counter() < deadline:
            try:
                status, seconds = await client.send(operation)
            except (aiohttp.ClientError, TimeoutError) as error:
                result.errors[type(error).__name__] += 1
                continue
            if status == operation.expected_status:
                result.latencies.append(seconds)
            else:
                result.errors[f"HTTP {status}"] += 1

    started = time.perf_counter()
    await asyncio.gather(*(one_client(client) for client in clients))
    result.seconds = time.perf_counter() - started
    return result


async def drive(base_url: str, operations: list[Operation], context: Context, seed: int = 8) -> list[dict]:
    """Log CLIENTS users in, warm up with one request of each operation (log in aside: they just
    did), then measure each operation in turn; the floor is measured first and again last."""
    rng = random.Random(seed)
    clients = [
        Client(base_url, username, context, random.Random(rng.random()))
        for username in context.usernames[:CLIENTS]
    ]
    try:
        await asyncio.gather(*(client.log_in() for client in clients))
        warm_up = [FLOOR, *(op for op in operations if op.path != LOGIN)]
        for operation in warm_up:  # failures here show again in the measurement
            await asyncio.gather(*(client.send(operation) for client in clients), return_exceptions=True)
        results = [await measure(clients, operation) for operation in [FLOOR, *operations, FLOOR]]
    finally:
        await asyncio.gather(*(client.close() for client in clients))
    results[-1].name = "floor (again, last)"
    return [result.summary() for result in results]
