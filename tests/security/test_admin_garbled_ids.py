import pytest

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_garbled_m2m_ids_are_a_form_error_not_a_500(client):
    client.force_login(make_user(group="Editors"))
    r = client.post("/admin/articles/article/add/", {"title": "x", "officials": [":", "1"], "enterprises": "abc"})
    assert r.status_code == 200
    assert "errornote" in r.text
