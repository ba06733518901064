"""Web processes read stored lists; the recommendation engine and what it
imports (numpy, SciPy, scikit-learn: about 100 MB per worker) load only in
the task worker."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "scipy", "sklearn")

SCRIPT = """
import sys
import django
django.setup()
import ree_exchange.urls  # every view, the admin, the API
from ree_exchange.wsgi import application
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
assert Client().get("/").status_code == 200  # and a request through the whole stack
print(",".join(sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[1].split(",")))))
"""


def test_the_url_conf_and_the_wsgi_app_never_import_numpy_scipy_or_scikit_learn(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ree_exchange.settings.test",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, ",".join(HEAVY)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_the_engine_does_import_them_so_the_check_above_can_fail():
    script = ("import sys, django; django.setup(); import recommendations.engine; "
              "print(all(m in sys.modules for m in ('numpy', 'scipy', 'sklearn')))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "DJANGO_SETTINGS_MODULE": "ree_exchange.settings.test"})
    assert done.stdout.strip() == "True", done.stderr
