"""Django's Redis cache, but a Redis outage makes it a cache that remembers nothing
instead of an error on every page: reads miss, writes are dropped, each logged. What the
portal keeps there can be lost safely: cached sessions (the database holds them),
allauth's rate limits and the two-step code failure counter, which stay off while Redis
is down (sign-in lockouts live in the database and still hold)."""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)


def _or(default):
    def wrap(method):
        def wrapped(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                logger.warning(
                    "cache.unavailable operation=%s error=%s", method.__name__, type(error).__name__
                )
                return default(*args, **kwargs) if callable(default) else default

        wrapped.__name__ = method.__name__
        return wrapped

    return wrap


def _default_argument(key, default=None, *args, **kwargs):
    return default


def _delta(key, delta=1, *args, **kwargs):
    return delta


class _ClientPerPool(RedisCacheClient):
    """Django builds a new Redis client (and its table of reply parsers) for every cache
    call, a cost each signed-in request pays for its session; one client per connection
    pool does the same work (redis-py clients are safe to share between threads)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ClientPerPool

    get = _or(_default_argument)(RedisCache.get)
    get_many = _or({})(RedisCache.get_many)
    has_key = _or(False)(RedisCache.has_key)
    set = _or(None)(RedisCache.set)
    add = _or(True)(RedisCache.add)  # as if stored: no limit counts while Redis is down
    touch = _or(False)(RedisCache.touch)
    set_many = _or([])(RedisCache.set_many)
    delete = _or(False)(RedisCache.delete)
    delete_many = _or(None)(RedisCache.delete_many)
    incr = _or(_delta)(RedisCache.incr)
