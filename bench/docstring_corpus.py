"""Write a labelled corpus of real English text that needs no network: the
API docstrings of the installed libraries (scikit-learn, SciPy, NumPy, Django,
the standard library...), each labelled with its subpackage
(``scipy.stats``, ``django.db``...). Subpackages with fewer than 25 documented
functions/classes are left out; at most 250 documents per label.

    .venv/bin/python bench/docstring_corpus.py /tmp/docstrings.jsonl
    .venv/bin/python manage.py evaluate_recommendations /tmp/docstrings.jsonl --no-tags

It is not news, but it is a few thousand documents of real prose in dozens of
close topics, which is what text similarity has to separate. Used to choose
between sublinear TF-IDF and BM25, and to weigh the latent and second-order
scores (see the closing note of the recommendations work).
"""

import collections
import importlib
import inspect
import json
import os
import pkgutil
import random
import sys
import warnings
from pathlib import Path

ROOTS = ["sklearn", "scipy", "numpy", "django", "PIL", "taggit", "hypothesis", "_pytest", "json", "email", "http",
         "asyncio", "concurrent", "unittest", "xml", "logging", "multiprocessing", "importlib", "urllib", "sqlite3",
         "collections", "ctypes", "idlelib"]


def modules(root: str):
    try:
        pkg = importlib.import_module(root)
    except Exception:  # noqa: BLE001 - an optional library that does not import is skipped
        return
    yield pkg
    if not hasattr(pkg, "__path__"):
        return
    walker = pkgutil.walk_packages(pkg.__path__, root + ".", onerror=lambda _name: None)
    while True:
        try:
            info = next(walker)
        except StopIteration:
            return
        except BaseException:  # noqa: BLE001, S112 - packages that fail to import are skipped
            continue
        if "test" in info.name.split(".")[-1] or ".tests" in info.name:
            continue
        try:
            yield importlib.import_module(info.name)
        except BaseException:  # noqa: BLE001, S112
            continue


def main(out: str) -> None:
    warnings.filterwarnings("ignore")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ree_exchange.settings.dev")
    import django

    django.setup()
    docs: dict[str, dict[str, str]] = collections.defaultdict(dict)
    seen: set[str] = set()
    for root in ROOTS:
        for mod in modules(root):
            parts = mod.__name__.split(".")
            label = ".".join(parts[:2])
            for name, obj in vars(mod).items():
                if name.startswith("_") or not (inspect.isfunction(obj) or inspect.isclass(obj)):
                    continue
                if getattr(obj, "__module__", None) != mod.__name__:
                    continue
                doc = inspect.getdoc(obj) or ""
                if len(doc) >= 250 and doc not in seen:
                    seen.add(doc)
                    docs[label][name] = doc
    rng = random.Random(0)
    records = []
    for label, items in sorted(docs.items()):
        if len(items) < 25:
            continue
        names = sorted(items)
        rng.shuffle(names)
        for name in names[:250]:
            first, _, rest = items[name].partition("\n")
            body = rest.replace("&", "&amp;").replace("<", "&lt;")
            records.append({"title": first[:200], "body_html": f"<pre>{body}</pre>", "labels": [label]})
    rng.shuffle(records)
    with open(out, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r) + "\n")
    counts = collections.Counter(r["labels"][0] for r in records)
    print(f"{len(records)} documents in {len(counts)} labels -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docstrings.jsonl")
