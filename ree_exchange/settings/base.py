"""Settings shared by every environment."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from core.richtext import PROSE_EDITOR_EXTENSIONS
from ree_exchange.db_router import replica_databases

from .env import env_bool, env_int, env_list, env_str
from .tasks import task_backends

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The canonical public address, used for absolute URLs in feeds, sitemaps,
# JSON-LD and e-mails where no request is at hand. Without SITE_URL it
# follows PORT (the port bin/demo and runserver serve on), so a development
# site on another port writes absolute URLs that answer.
PORT = env_int("PORT", 8000)
SITE_URL = env_str("SITE_URL", f"http://localhost:{PORT}").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "REE Exchange")
SITE_ID = 1

INSTALLED_APPS = [
    # django.contrib.admin, with accounts.admin_site.NewsroomAdminSite as admin.site
    "accounts.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "articles.apps.TopicsConfig",  # django-taggit, named "Topics" in the admin
    "reversion",
    "csp",
    "django_prose_editor",  # the body editor's static files (core/richtext.py)
    "axes",
    "django_otp",
    "accounts.apps.TwoFactorDevicesConfig",  # django_otp.plugins.otp_totp, named for the admin
    "accounts.apps.RecoveryCodesConfig",  # django_otp.plugins.otp_static, likewise
    "accounts",
    "core",
    "pagecache",
    "authors",
    "entities",
    "images",
    "articles",
    "search",
    "recommendations",
    "profiles",
    "newsroom",
    "pages",
    "importers",
    "subscriptions",
    "anymail",  # the ESP backends and their webhooks (docs/scale-out.md); idle without an ESP
    # Background work on Django's Tasks API (django.tasks from Django 6.0);
    # django_tasks_db keeps the queue in the database (manage.py db_worker).
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ree_exchange.db_router.PinPrimaryMiddleware",
    # A database outage answers 503 + Retry-After, not 500 (core/middleware.py).
    "core.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: a cached anonymous page is answered with no SQL.
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks a session that gave a two-factor code at sign-in (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inner, so it sees the view's own answer: a 404 for an old URL becomes a 301.
    "articles.redirects.ArticleRedirectMiddleware",
    # Then moved pages, renamed profiles and their feeds, imported old URLs.
    "pages.redirects.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ree_exchange.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
            # {{ value|datetime_attr }} in every template: <time datetime> without microseconds.
            "builtins": ["core.templatetags.dates"],
        },
    },
]

WSGI_APPLICATION = "ree_exchange.wsgi.application"
ASGI_APPLICATION = "ree_exchange.asgi.application"

# DATABASE_URL selects the engine: the default is an embedded SQLite file so
# the site runs with no server; a postgres:// URL selects PostgreSQL.
def _database(url: str) -> dict:
    db = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True)
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # The embedded default is one file shared by the web server and the
        # task workers. WAL lets readers go on while one writes; IMMEDIATE
        # makes a transaction take the write lock as it begins, waiting up
        # to the timeout, where a deferred one that read first fails at once
        # with "database is locked" when it comes to write.
        db.setdefault("OPTIONS", {}).update({
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        })
    if db["ENGINE"] != "django.db.backends.postgresql":
        return db
    options = db.setdefault("OPTIONS", {})
    # psycopg 3 prepares a statement on the server once it has run
    # prepare_threshold times on a connection (None: never). Safe behind
    # PgBouncer >= 1.21 in transaction mode; set it empty for older poolers.
    threshold = env_str("DATABASE_PREPARE_THRESHOLD", "5")
    options["prepare_threshold"] = int(threshold) if threshold else None
    # Server-side parameter binding sends values apart from the SQL text, so
    # the same statement is reused across values (off: Django's default).
    options["server_side_binding"] = env_bool("DATABASE_SERVER_SIDE_BINDING", False)
    if env_bool("DATABASE_POOL", True):
        # Django's connection pool (psycopg_pool) keeps connections open in
        # the process; it needs CONN_MAX_AGE 0. With CONN_HEALTH_CHECKS the
        # pool checks a connection (an empty query) before handing it out,
        # so after a database restart or a cut a broken pooled connection is
        # replaced instead of failing one request each.
        options["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN_SIZE", 1),
            "max_size": env_int("DATABASE_POOL_MAX_SIZE", 4),
            "timeout": env_int("DATABASE_POOL_TIMEOUT", 10),
        }
        db["CONN_MAX_AGE"] = 0
        db["CONN_HEALTH_CHECKS"] = True
    return db


DATABASES = {"default": _database(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
# Read replicas (optional): reads from anonymous requests go to them, see
# ree_exchange/db_router.py.
DATABASES.update(replica_databases(env_list("DATABASE_REPLICA_URLS"), _database))
DATABASE_ROUTERS = ["ree_exchange.db_router.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache (Redis) when CACHE_URL is given; otherwise per-process memory.
_cache_url = env_str("CACHE_URL")
if _cache_url:
    CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ree"),
            "TIMEOUT": env_int("CACHE_TIMEOUT", 600),
            # A dead or stuck Redis must cost a request little: short socket
            # timeouts, then the page cache's breaker (pagecache/resilience.py).
            "OPTIONS": {
                "socket_timeout": float(env_str("CACHE_SOCKET_TIMEOUT", "0.25")),
                "socket_connect_timeout": float(env_str("CACHE_SOCKET_TIMEOUT", "0.25")),
            },
        }
    }
    # Sessions readable from any app server, with the database behind them
    # so a cache flush logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ree-exchange",
            "TIMEOUT": env_int("CACHE_TIMEOUT", 600),
        }
    }

# Page cache (pagecache/): the query parameters public pages read. The
# entry key keeps only these (sorted), so tracking or made-up parameters
# share the plain page's entry instead of forcing a render each.
PAGE_CACHE_QUERY_PARAMS = [
    "page", "q", "spell", "topic", "official", "enterprise", "regulator", "from", "to",
    "ownership", "level",
    *env_list("PAGE_CACHE_EXTRA_QUERY_PARAMS"),
]
# Paths whose views read arbitrary parameters (the API's filters): keyed on
# the whole query string, sorted.
PAGE_CACHE_FULL_QUERY_PREFIXES = ("/api/",)
# Parts of pages cached by their content (pagecache/fragments.py: the
# article's story), so a page re-rendered for its related list, a menu or
# the clock skips them; off only to measure the full render.
PAGE_FRAGMENT_CACHE = env_bool("PAGE_FRAGMENT_CACHE", True)
# Seconds the page cache is not asked after a cache failure.
PAGE_CACHE_BREAKER_SECONDS = env_int("PAGE_CACHE_BREAKER_SECONDS", 10)
# Search retries a query whose words match nothing with the closest words
# of the published articles' vocabulary ("dysprosum" -> "dysprosium").
SEARCH_TYPO_TOLERANCE = env_bool("SEARCH_TYPO_TOLERANCE", True)
# A CDN in front: where pagecache.invalidation.purge sends surrogate keys.
PAGE_CACHE_CDN_PURGE_URL = env_str("CDN_PURGE_URL")
PAGE_CACHE_CDN_PURGE_TOKEN = env_str("CDN_PURGE_TOKEN")
# Anonymous pages' Cache-Control: browsers keep them this many seconds
# (max-age; nobody can purge a browser), a CDN PAGE_CACHE_CDN_MAX_AGE
# (s-maxage; default 300 with CDN_PURGE_URL, which purges it on change, else
# the browsers' figure). docs/operations.md#a-cdn-in-front.
PAGE_CACHE_BROWSER_MAX_AGE = env_int("PAGE_CACHE_BROWSER_MAX_AGE", 10)
_cdn_max_age = env_str("PAGE_CACHE_CDN_MAX_AGE")
PAGE_CACHE_CDN_MAX_AGE = int(_cdn_max_age) if _cdn_max_age else None
# Page-cache misses (full renders) one client address may cause per window
# before it is answered 429 (pagecache/render_limit.py, django-ratelimit on
# the default cache); empty turns the bound off. Hits are never limited.
PAGE_RENDER_RATE = env_str("PAGE_RENDER_RATE", "120/m")
# Trusted proxies in front that append to X-Forwarded-For (0: REMOTE_ADDR).
PAGE_RENDER_PROXY_COUNT = env_int("PAGE_RENDER_PROXY_COUNT", 0)
# The signed cookie that marks a real staff session (pagecache/staff.py).
PAGE_CACHE_STAFF_COOKIE = "ree_staff"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses logins for a locked-out user/IP pair
    # before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for
# one username from one address, further tries are refused for the cool-off.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Two-factor sign-in (accounts/two_factor.py): open to every member of staff;
# with STAFF_TWO_FACTOR_REQUIRED=1 nobody gets past the admin's front door
# without an authenticator app.
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = SITE_NAME
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)

# Content-Security-Policy (django-csp). No inline scripts anywhere: the
# site's pages need no JavaScript, the admin's scripts are all files. The one
# inline tag is the body editor's import map (JSON, not code), which carries
# the request's nonce; the nonce enters the header only on pages that use it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env_list("CSP_IMG_SOURCES")],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The body editor's own extensions (their JavaScript and allow-list entries).
DJANGO_PROSE_EDITOR_EXTENSIONS = PROSE_EDITOR_EXTENSIONS

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    # Media goes through Django's storage API, so S3-compatible storage is a
    # settings change (django-storages) rather than a code change.
    "default": {"BACKEND": env_str("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads: images only, bounded in bytes and pixels (decompression bombs).
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
SESSION_COOKIE_HTTPONLY = True
LOGIN_URL = "admin:login"

TAGGIT_CASE_INSENSITIVE = True

# Lifetime of a shareable draft-preview link, in seconds (default 48 hours).
PREVIEW_LINK_MAX_AGE = env_int("PREVIEW_LINK_MAX_AGE", 48 * 60 * 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# Read-only content API (api/): Django REST Framework for the endpoints,
# drf-spectacular for their OpenAPI 3 description at /api/openapi.json.
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "api"]
_api_proxies = env_str("API_NUM_PROXIES")  # proxies in front of the site, for throttling by client IP
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ContentPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env_str("API_ANON_RATE", "120/minute")},
    "NUM_PROXIES": int(_api_proxies) if _api_proxies else None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{SITE_NAME} content API",
    "DESCRIPTION": (
        "Read-only JSON of everything published: articles, topics, officials with their positions, "
        "enterprises, regulators and authors. Anonymous, paginated (page, page_size up to 100), "
        "rate-limited. Resources are addressed by slug."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "SERVERS": [{"url": SITE_URL}],
}

# Background tasks (settings/tasks.py; docs/scale-out.md for Redis):
# TASKS_BACKEND=db (default: the database is the queue, `manage.py db_worker`
# runs it), rq (Redis at TASKS_REDIS_URL or REDIS_URL, `manage.py rqworker`),
# or immediate (run at enqueue, in the process that enqueues; no worker).
TASKS_BACKEND = env_str("TASKS_BACKEND", "db")
# A task RUNNING this long under a worker on another machine counts as lost
# (core/task_worker.py; a worker on this machine is checked by its pid), and
# a task whose worker died this many times is failed instead of requeued.
TASKS_STALE_AFTER = env_int("TASKS_STALE_AFTER", 7200)
TASKS_MAX_ATTEMPTS = env_int("TASKS_MAX_ATTEMPTS", 3)
# Where the recommendation worker keeps its index between restarts
# (recommendations/snapshot.py): written by each full rebuild, read by a
# worker's first refresh instead of rebuilding. Local to the worker's machine.
RECOMMENDATIONS_INDEX_PATH = Path(env_str("RECOMMENDATIONS_INDEX_PATH", str(BASE_DIR / "var" / "recommendations-index.joblib")))
TASKS, RQ_QUEUES = task_backends(TASKS_BACKEND, redis_url=env_str("TASKS_REDIS_URL") or env_str("REDIS_URL"))
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq"]
    RQ = {"JOB_CLASS": "django_tasks_rq.Job"}  # so plain `manage.py rqworker` runs Tasks API jobs

# Email (subscriptions/): Django's email API. The console backend by default
# (messages go to the worker's log); EMAIL_HOST set means SMTP; any backend
# by path, e.g. anymail.backends.postmark.EmailBackend (docs/scale-out.md).
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <briefing@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# django-anymail (ESP integration): its settings (API keys) and the tracking
# webhook's basic-auth secret; the webhook URLs exist only when it is set.
ANYMAIL = {"WEBHOOK_SECRET": env_str("ANYMAIL_WEBHOOK_SECRET")} if env_str("ANYMAIL_WEBHOOK_SECRET") else {}
# Every other ANYMAIL_<NAME> variable becomes ANYMAIL[<NAME>] (the ESP's API key...).
ANYMAIL.update({k.removeprefix("ANYMAIL_"): v for k, v in os.environ.items()
                if k.startswith("ANYMAIL_") and k != "ANYMAIL_WEBHOOK_SECRET"})

# Follows by email (subscriptions/).
SUBSCRIPTIONS_CONFIRM_MAX_AGE = env_int("SUBSCRIPTIONS_CONFIRM_MAX_AGE", 3 * 24 * 60 * 60)
SUBSCRIPTIONS_LINK_MAX_AGE = env_int("SUBSCRIPTIONS_LINK_MAX_AGE", 180 * 24 * 60 * 60)
SUBSCRIPTIONS_SEND_RATE = float(env_str("SUBSCRIPTIONS_SEND_RATE", "20"))
SUBSCRIPTIONS_SEND_TASKS = env_int("SUBSCRIPTIONS_SEND_TASKS", 1)
SUBSCRIPTIONS_DIGEST_MAX_ITEMS = env_int("SUBSCRIPTIONS_DIGEST_MAX_ITEMS", 30)
SUBSCRIPTIONS_ALERT_DELAY = env_int("SUBSCRIPTIONS_ALERT_DELAY", 5 * 60)
SUBSCRIPTIONS_RATE_PER_CLIENT = env_str("SUBSCRIPTIONS_RATE_PER_CLIENT", "10/h")
SUBSCRIPTIONS_RATE_PER_ADDRESS = env_str("SUBSCRIPTIONS_RATE_PER_ADDRESS", "3/h")
# The recurring jobs on the task queue (subscriptions/schedule.py): digests at
# this local time (TIME_ZONE), the weekly one on this weekday (0 is Monday),
# the clean-up this often; a chain whose run is this late is started again.
SUBSCRIPTIONS_DIGEST_AT = env_str("SUBSCRIPTIONS_DIGEST_AT", "07:00")
SUBSCRIPTIONS_WEEKLY_DAY = env_int("SUBSCRIPTIONS_WEEKLY_DAY", 0)
SUBSCRIPTIONS_CLEANUP_EVERY = env_int("SUBSCRIPTIONS_CLEANUP_EVERY", 60 * 60)
SUBSCRIPTIONS_SCHEDULE_GRACE = env_int("SUBSCRIPTIONS_SCHEDULE_GRACE", 2 * 60 * 60)
# django-ratelimit counts in the shared cache; behind a proxy, the client is
# the address it reports (set RATELIMIT_IP_META_KEY=HTTP_X_FORWARDED_FOR).
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY") or None
