"""Sessions in the Redis cache with the database behind them, that keep working on the
database alone while Redis is down (Django's cached_db store already survives a failed
cache write on save, but not on load or delete)."""

import logging

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

logger = logging.getLogger(__name__)


class SessionStore(CachedDBStore):
    def save(self, must_create=False):
        try:
            super().save(must_create)
        except UpdateError:
            # The database has lost the row the cache still holds (a restore, a failover
            # that dropped the last commits): forget the cached copy too, so the next
            # request starts a new session (sign in again) instead of every request
            # failing until the cached one expires.
            try:
                self._cache.delete(self.cache_key)
            except Exception as error:
                logger.warning("session.cache_unavailable error=%s", type(error).__name__)
            raise

    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception as error:  # cache unreachable: the database has the session
            logger.warning("session.cache_unavailable error=%s", type(error).__name__)
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date))
        except Exception as error:
            logger.warning("session.cache_unavailable error=%s", type(error).__name__)
        return data

    def exists(self, session_key):
        try:
            if session_key and (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception as error:
            logger.warning("session.cache_unavailable error=%s", type(error).__name__)
        return super(CachedDBStore, self).exists(session_key)

    def delete(self, session_key=None):
        super(CachedDBStore, self).delete(session_key)
        session_key = session_key or self.session_key
        if session_key is None:
            return
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception as error:
            # The database row is gone, so a stale cached copy cannot outlive its
            # expiry; it is removed when Redis answers again if anyone signs out twice.
            logger.warning("session.cache_unavailable error=%s", type(error).__name__)
