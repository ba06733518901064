"""gunicorn settings for production; every value can be overridden from the
environment (GUNICORN_*), the command line, or by editing this file."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# Load the app (Django, every view) once in the master and fork
# workers from it: a recycled worker then starts serving at once, and the
# workers share the loaded code's memory. Django opens no database
# connection at import, so none is shared across the fork.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
wsgi_app = "ree_exchange.wsgi:application"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    """Move what the master has loaded (Django, the URL and template
    machinery) out of the garbage
    collector's reach before forking, as the gc module's documentation
    advises for fork without exec. A worker's full collections then skip
    them (each took about 100 ms otherwise, a pause some reader waits
    through), and the memory they live on stays shared with the master
    instead of being copied on write."""
    gc.collect()
    gc.freeze()
