"""The desk's two roles, as most newsroom tests need them."""

import pytest

from tests.factories import make_user


@pytest.fixture
def writer(db):
    return make_user("wanda", group="Writers")


@pytest.fixture
def editor(db):
    return make_user("eddie", group="Editors")
