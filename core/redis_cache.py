"""Django's Redis cache, keeping one client object per connection pool, plus
one server-side check for the page cache.

Django builds a new ``redis.Redis`` for every cache operation (about 0.3 ms
of Python each, with redis-py 8): on a page-cache hit that is most of the
work. A client over a pool is safe to share between threads, so this keeps
one per pool. Behaviour is otherwise Django's own backend.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


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

    def get_many(self, keys, version=None):
        # Django validates every key for memcached's rules (a regex each);
        # a page-cache hit reads dozens of our own keys, so skip that here.
        key_map = {self.make_key(key, version=version): key for key in keys}
        ret = self._cache.get_many(key_map.keys())
        return {key_map[k]: v for k, v in ret.items()}

    # A page entry is a hash: "page" (the pickled entry) and "deps" (lines
    # "<version key>\n<version>\n", the dependency versions it was rendered
    # with). KEYS: the hash, the epoch. Returns the page, the epoch and 1 when
    # every version still matches. The dependency list lives next to the
    # page, so a hit sends three keys whatever the page depends on (a topic
    # page depends on ~40 objects; packing them as arguments was 40% of a
    # hit's CPU).
    _PAGE_LUA = """
local found = redis.call('HMGET', KEYS[1], 'page', 'deps')
local ok = 0
if found[1] and found[2] then
  ok = 1
  for k, v in string.gmatch(found[2], '([^\\n]*)\\n([^\\n]*)\\n') do
    if redis.call('GET', k) ~= v then ok = 0 break end
  end
end
return {found[1], redis.call('GET', KEYS[2]), ok}
"""

    # Replaces a page entry: as a MULTI/EXEC pipeline of DEL, HSET and EXPIRE
    # but one command, so one reply to parse (0.1 ms of CPU less per stored
    # page). KEYS: the hash. ARGV: the pickled entry, the dependency lines,
    # the timeout in seconds.
    _STORE_LUA = """
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'page', ARGV[1], 'deps', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
"""

    def _page_key(self, key: str) -> str:
        # Not the key a plain cache.set() would use: entries stored as plain
        # values by an older release must not be read as hashes.
        return self.make_key("h:" + key)

    def get_page(self, key: str, epoch_key: str):
        """(entry, epoch, whether its dependency versions all still match),
        in one round trip: the versions are compared inside Redis."""
        client = self._cache.get_client(key)
        script = getattr(self, "_page_script", None)
        if script is None:
            script = self._page_script = client.register_script(self._PAGE_LUA)
        entry, epoch, ok = script(keys=[self._page_key(key), self.make_key(epoch_key)], args=[], client=client)
        loads = self._cache._serializer.loads
        return (
            None if entry is None else loads(entry),
            None if epoch is None else loads(epoch),
            bool(ok),
        )

    def set_page(self, key: str, entry: dict, versions: dict[str, int], timeout: int) -> bool:
        """Store ``entry`` with the versions of its dependencies (version
        key -> version); False if a key cannot be written down."""
        lines = [(self.make_key(k), str(v)) for k, v in versions.items()]
        if any("\n" in k or "\n" in v for k, v in lines):
            return False
        client = self._cache.get_client(key, write=True)
        script = getattr(self, "_store_script", None)
        if script is None:
            script = self._store_script = client.register_script(self._STORE_LUA)
        deps = "".join(f"{k}\n{v}\n" for k, v in lines)
        script(keys=[self._page_key(key)], args=[self._cache._serializer.dumps(entry), deps, max(1, int(timeout))],
               client=client)
        return True
