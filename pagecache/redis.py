"""Django's Redis cache, keeping one client object per connection pool, plus
the page cache's server-side checks (one round trip per hit and per store).

A Redis that is down or unreachable behaves as an empty cache that keeps
nothing, for every user of the cache (pages, search, feeds, sessions), and
a breaker (``pagecache.resilience``) stops asking it for a few seconds
after a failure, so an outage costs no per-request wait.

Django builds a new ``redis.Redis`` for every cache operation (about 0.3 ms
of Python each, with redis-py 8): on a page-cache hit that is most of the
work. A client over a pool is safe to share between threads, so this keeps
one per pool. Behaviour is otherwise Django's own backend.
"""

from __future__ import annotations

import functools

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from redis.exceptions import NoScriptError

from . import resilience


def _fallback(default):
    """Run the cache call unless the breaker is open; on a connection error
    open it and answer ``default(*args)`` (what an empty cache would say)."""

    def wrap(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            if resilience.available():
                try:
                    return method(self, *args, **kwargs)
                except resilience.CACHE_ERRORS as exc:
                    resilience.trip(exc)
            return default(*args, **kwargs)

        return call

    return wrap


def _none(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _default(key, default=None, *args, **kwargs):
    return default


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient

    get = _fallback(_default)(DjangoRedisCache.get)
    set = _fallback(_none)(DjangoRedisCache.set)
    add = _fallback(_false)(DjangoRedisCache.add)
    touch = _fallback(_false)(DjangoRedisCache.touch)
    delete = _fallback(_false)(DjangoRedisCache.delete)
    has_key = _fallback(_false)(DjangoRedisCache.has_key)
    delete_many = _fallback(_none)(DjangoRedisCache.delete_many)
    set_many = _fallback(lambda data, *a, **k: list(data))(DjangoRedisCache.set_many)
    clear = _fallback(_false)(DjangoRedisCache.clear)
    # django-ratelimit counts with add() and incr(): a dead Redis counts nothing.
    incr = _fallback(_none)(DjangoRedisCache.incr)

    @_fallback(lambda keys, *a, **k: {})
    def get_many(self, keys, version=None):
        # Django validates every key for memcached's rules (a regex each);
        # a page-cache hit reads dozens of our own keys, so skip that here.
        key_map = {self.make_key(key, version=version): key for key in keys}
        ret = self._cache.get_many(key_map.keys())
        return {key_map[k]: v for k, v in ret.items()}

    # A page entry is a hash: "page" (the pickled entry) and "deps" (a JSON
    # array: the version keys of its dependencies, then the versions it was
    # rendered with, in the same order). The dependency list lives next to
    # the page, so a hit sends a few keys whatever the page depends on (a
    # topic page depends on ~40 objects; packing them as arguments was 40%
    # of a hit's CPU).
    #
    # Check: KEYS the hash, the epoch, the visibility horizon. Returns the
    # epoch, the horizon and 1 when every version still matches. The page
    # itself is read by an HGET beside it in the same transaction: a 20 kB
    # string passed through Lua and back cost Redis more than the check.
    _CHECK_LUA = """
local deps = redis.call('HGET', KEYS[1], 'deps')
local ok = 0
if deps then
  ok = 1
  deps = cjson.decode(deps)
  local n = #deps / 2
  if n > 0 then
    local now = redis.call('MGET', unpack(deps, 1, n))
    for i = 1, n do
      if now[i] ~= deps[n + i] then ok = 0 break end
    end
  end
end
return {redis.call('GET', KEYS[2]), redis.call('GET', KEYS[3]), ok}
"""
    # Store: KEYS the hash, the epoch, then the version keys; ARGV the epoch
    # the render started under ("" with ARGV[2] = "0" when there was none),
    # the pickled page, its lifetime, then a fresh random version for the
    # version keys that do not exist yet (one value serves them all: each
    # key's versions are only ever compared with that key's). Stores nothing
    # and returns 0 when the epoch moved (an invalidation came during the
    # render). One round trip instead of three (versions, epoch, write) on
    # every page-cache miss.
    _STORE_LUA = """
local now = redis.call('GET', KEYS[2])
if ARGV[2] == '1' then
  if now ~= ARGV[1] then return 0 end
elseif now then
  return 0
end
local deps = {}
local versions = {}
for i = 3, #KEYS do
  local v = redis.call('GET', KEYS[i])
  if not v then
    v = ARGV[5]
    redis.call('SET', KEYS[i], v)
  end
  deps[#deps + 1] = KEYS[i]
  versions[#versions + 1] = v
end
for i = 1, #versions do deps[#deps + 1] = versions[i] end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'page', ARGV[3], 'deps', #deps > 0 and cjson.encode(deps) or '[]')
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
"""

    def _page_key(self, key: str) -> str:
        # Not the key a plain cache.set() would use: entries stored as plain
        # values by an older release must not be read as hashes.
        return self.make_key("h2:" + key)

    def _script(self, name: str, source: str, client):
        script = getattr(self, name, None)
        if script is None:
            script = client.register_script(source)
            setattr(self, name, script)
        return script

    @_fallback(lambda *a, **k: (None, None, None, None, False))
    def get_page(self, key: str, epoch_key: str, horizon_key: str):
        """(entry, epoch, the epoch as stored, horizon, whether the entry's
        dependency versions all still match), in one round trip: the
        versions are compared inside Redis."""
        client = self._cache.get_client(key)
        script = self._script("_check_script", self._CHECK_LUA, client)
        page_key = self._page_key(key)
        keys = [page_key, self.make_key(epoch_key), self.make_key(horizon_key)]
        try:
            (raw_epoch, horizon, ok), entry = self._check_and_read(client, script, keys)
        except NoScriptError:  # Redis restarted or its scripts were flushed
            script.sha = client.script_load(script.script)
            (raw_epoch, horizon, ok), entry = self._check_and_read(client, script, keys)
        loads = self._cache._serializer.loads
        return (
            None if entry is None or not ok else loads(entry),
            None if raw_epoch is None else loads(raw_epoch),
            raw_epoch,
            None if horizon is None else loads(horizon),
            bool(ok) and entry is not None,
        )

    @staticmethod
    def _check_and_read(client, script, keys: list[str]) -> list:
        # EVALSHA itself, not the script object, in the pipeline: a pipeline
        # holding a script object asks SCRIPT EXISTS first, a round trip more.
        pipe = client.pipeline(transaction=True)
        pipe.evalsha(script.sha, len(keys), *keys)
        pipe.hget(keys[0], "page")
        return pipe.execute()

    @_fallback(_false)
    def store_page(self, key: str, entry: dict, version_keys: list[str], fresh_version: int,
                   epoch_key: str, raw_epoch: bytes | None, timeout: int) -> bool:
        """Store ``entry`` with the current versions of ``version_keys``
        (creating missing ones with ``fresh_version``), unless the epoch is
        no longer ``raw_epoch``. False if nothing was stored."""
        keys = [self.make_key(k) for k in version_keys]
        client = self._cache.get_client(key, write=True)
        script = self._script("_store_script", self._STORE_LUA, client)
        stored = script(
            keys=[self._page_key(key), self.make_key(epoch_key), *keys],
            args=[raw_epoch or b"", "0" if raw_epoch is None else "1", self._cache._serializer.dumps(entry),
                  max(1, int(timeout)), fresh_version],
            client=client,
        )
        return bool(stored)
