"""Users in each newsroom role and articles they own, for the editorial-tool
tests (imported by name into the test modules that use them)."""

import pytest

from articles.models import Article
from tests.factories import make_article, make_author, make_user

__all__ = ["editor", "superuser", "writer", "other_writer", "own_draft", "own_published"]


@pytest.fixture
def editor(db):
    return make_user("eddie", group="Editors")


@pytest.fixture
def superuser(db):
    return make_user("root", superuser=True)


@pytest.fixture
def writer(db):
    user = make_user("wendy", group="Writers")
    make_author("Wendy Writer", user=user)
    return user


@pytest.fixture
def other_writer(db):
    return make_user("otto", group="Writers")


@pytest.fixture
def own_draft(writer):
    """A draft by ``writer`` (on the byline and its creator)."""
    article = make_article("Quota talks stall in Baotou", status=Article.Status.DRAFT, created_by=writer,
                           authors=[writer.author_profile])
    return article


@pytest.fixture
def own_published(writer):
    return make_article("Export licences granted", created_by=writer, authors=[writer.author_profile])


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client
