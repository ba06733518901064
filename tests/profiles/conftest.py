# The public-page tests' small newsroom, shared with the profile pages.
from tests.public.conftest import newsroom  # noqa: F401
