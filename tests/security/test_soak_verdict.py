"""The soak's memory verdict (bench/soak.py): a leak is called a leak, a
plateau is called flat, and a run too short to tell is not judged."""

import importlib.util
import sys
from pathlib import Path

import pytest

_BENCH = Path(__file__).resolve().parents[2] / "bench"
# soak.py imports its neighbour procstat.py, as it does when run as a script.
sys.path.insert(0, str(_BENCH))
_spec = importlib.util.spec_from_file_location("soak", _BENCH / "soak.py")
soak = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("soak", soak)  # dataclasses look their module up while the file runs
_spec.loader.exec_module(soak)


def samples(series: dict[str, list[float]], every: float = 10.0) -> list:
    """Samples every ``every`` seconds from per-worker RSS series (None: worker absent)."""
    length = max(len(v) for v in series.values())
    return [
        soak.Sample(t=i * every, rss_mb={pid: mb[i] for pid, mb in series.items() if i < len(mb) and mb[i] is not None},
                    master_rss_mb=40.0)
        for i in range(length)
    ]


def verdict(series, **kw):
    options = {"warmup": 60, "max_growth_pct": 10, "max_slope": 0.5, "min_judge_seconds": 120, **kw}
    return soak.memory_verdict(samples(series), **options)


def test_a_worker_that_rises_then_plateaus_is_flat():
    # Warm-up climb from 60 to 70 MB, then 73 MB and a plateau with noise for nine minutes.
    warm = [60 + 2 * i for i in range(6)]  # t=0..50 s
    plateau = [73.0 + (0.2 if i % 3 else 0.0) for i in range(55)]  # from t=60 s
    result = verdict({"101": warm + plateau, "102": warm + plateau})
    assert result["judged"] and result["flat"]
    assert result["workers"]["101"]["start_mb"] == 73.0
    assert abs(result["workers"]["101"]["slope_mb_per_min"]) < 0.1


def test_a_slow_steady_leak_is_not_flat_even_below_the_growth_threshold():
    # 1 MB/min for nine minutes on 200 MB: +4.5% (under 10%) but a clear slope.
    leak = [200 + i * (10 / 60) for i in range(61)]
    result = verdict({"101": leak, "102": [200.0] * 61})
    assert result["judged"] and not result["flat"]
    assert result["workers"]["101"]["slope_mb_per_min"] == pytest.approx(1.0, rel=0.01)
    assert result["workers"]["101"]["growth_pct"] < 10
    assert result["workers"]["102"]["growth_mb"] == 0


def test_a_jump_above_the_growth_threshold_is_not_flat():
    series = [70.0] * 30 + [80.0] * 31  # +14% in one step half-way
    assert verdict({"101": series})["flat"] is False


def test_a_replaced_worker_is_not_flat():
    # Worker 101 disappears at 5 minutes and 103 takes its place, small again.
    result = verdict({"101": [70.0] * 30, "102": [70.0] * 61, "103": [None] * 30 + [60.0] * 31})
    assert result["flat"] is False
    assert result["new_workers"] == ["103"]
    assert result["workers"]["101"]["present_at_end"] is False


def test_a_short_run_is_not_judged():
    result = soak.memory_verdict(samples({"101": [60.0, 70.0, 80.0, 90.0]}, every=2.0), warmup=5,
                                 max_growth_pct=10, max_slope=0.5, min_judge_seconds=120)
    assert result["judged"] is False and result["flat"] is None
    assert "too short" in result["reason"]


def test_outcomes_count_the_deliberate_404_apart():
    assert soak.classify("missing", 404) == "expected_404"
    assert soak.classify("missing", 200) == "bad_status"
    assert soak.classify("article", 404) == "bad_status"
    assert soak.classify("article", 500) == "error"
    assert soak.classify("feed", 0) == "error"
    assert soak.classify("home", 301) == "ok"
