"""What the app does when its shared cache (Redis in production) cannot be reached.

Request limits guarding credentials fail closed (the request is refused), other limits and the
one-time form tokens fail open (the request goes on), and sessions fall back to the database
(`FailSoftRedisCache` as the sessions' cache). Each failure is logged.
"""

import logging

from django.conf import settings
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("magnesium.cache")

try:
    from redis.exceptions import RedisError
except ImportError:  # redis-py is installed with the production requirements
    RedisError = OSError  # type: ignore[assignment,misc]

# Errors that mean "the cache is not there", not a bug: a refused or timed-out connection.
CACHE_ERRORS: tuple[type[BaseException], ...] = (RedisError, OSError)


def cache_down(what: str, error: BaseException) -> None:
    logger.error("cache unreachable (%s): %s: %s", what, type(error).__name__, error)


class FailSoftRedisCache(RedisCache):
    """A Redis cache that behaves as an empty one while Redis is down (and logs it): for
    cached_db sessions, which then read and write the database alone."""

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except CACHE_ERRORS as error:
            cache_down("get", error)
            return default

    def set(self, key, value, timeout=None, version=None):
        try:
            super().set(key, value, timeout, version)
        except CACHE_ERRORS as error:
            cache_down("set", error)

    def add(self, key, value, timeout=None, version=None):
        try:
            return super().add(key, value, timeout, version)
        except CACHE_ERRORS as error:
            cache_down("add", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except CACHE_ERRORS as error:
            cache_down("delete", error)
            return False

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except CACHE_ERRORS as error:
            cache_down("has_key", error)
            return False


def remove_expired_entries() -> int:
    """Delete expired rows from each database cache table (a Redis cache expires keys by
    itself; the database cache only culls when it is full). The number of rows deleted."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache
    from django.db import connections, router
    from django.utils import timezone

    deleted = 0
    for alias in settings.CACHES:
        backend = caches[alias]
        if not isinstance(backend, DatabaseCache):
            continue
        db = router.db_for_write(backend.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(backend._table)  # type: ignore[attr-defined]
        now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])  # noqa: S608
            deleted += cursor.rowcount
    return deleted
