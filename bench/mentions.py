"""How fast the mention matcher is: build time for N entity names and find
time per article. Pure Python, no database. Prints a table and JSON.

    .venv/bin/python bench/mentions.py [entities] [articles]
"""

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ree_exchange.settings.test")

import django  # noqa: E402

django.setup()

from newsroom.mentions import MentionMatcher  # noqa: E402

SYLLABLES = ["bao", "tou", "rare", "earth", "min", "metals", "north", "group", "hua", "xin", "jiang", "steel",
             "magnet", "lan", "zhou", "shen", "he", "resources", "tech", "holdings", "guang", "sheng", "chi", "na"]
HANZI = "北方稀土盛和资源包钢集团国资委工信部中国五矿有色金属广晟厦门钨业江西铜业"
FILLER_TEXT = ("the ministry said output quotas for the year would rise as prices for magnet metals recovered "
               "while exporters waited for licences and smelters in the north cut capacity")
FILLER = FILLER_TEXT.split(" ")


def fake_names(rng: random.Random, n: int) -> list[tuple[str, str, int]]:
    names = []
    for i in range(n):
        latin = " ".join(rng.choice(SYLLABLES).capitalize() for _ in range(rng.randint(2, 4)))
        native = "".join(rng.choice(HANZI) for _ in range(2)) + "".join(
            chr(0x4E00 + rng.randrange(3000)) for _ in range(rng.randint(2, 4)))
        kind = rng.choice(["official", "enterprise", "regulator"])
        names += [(latin, kind, i), (native, kind, i), (latin + " Co", kind, i)]
    return names


def fake_article(rng: random.Random, names: list[tuple[str, str, int]], words: int = 1500) -> str:
    out = [rng.choice(FILLER) for _ in range(words)]
    for _ in range(15):
        out.insert(rng.randrange(len(out)), rng.choice(names)[0])
    return " ".join(out)


def main() -> None:
    n_entities = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    n_articles = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    rng = random.Random(42)
    names = fake_names(rng, n_entities)
    t0 = time.perf_counter()
    matcher = MentionMatcher(names)
    build = time.perf_counter() - t0
    texts = [fake_article(rng, names) for _ in range(n_articles)]
    timings, found = [], 0
    for text in texts:
        t0 = time.perf_counter()
        found += len(matcher.find(text))
        timings.append(time.perf_counter() - t0)
    result = {
        "entities": n_entities,
        "names": len(names),
        "articles": n_articles,
        "article_words": 1500,
        "build_ms": round(build * 1000, 1),
        "find_ms_median": round(statistics.median(timings) * 1000, 2),
        "find_ms_p95": round(sorted(timings)[int(len(timings) * 0.95) - 1] * 1000, 2),
        "mentions_found": found,
    }
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
