import pytest

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_garbled_m2m_ids_are_a_form_error_not_a_500(client):
    client.force_login(make_user(group="Editors"))
    r = client.post("/admin/articles/article/add/", {"title": "x", "officials": [":", "1"], "enterprises": "abc"})
    assert r.status_code == 200
    assert "errornote" in r.text


@pytest.mark.parametrize("huge", ["9" * 30, "-" + "9" * 20, str(2**63)])
def test_ids_past_64_bits_are_a_form_error_not_a_500(client, huge):
    # SQLite raised OverflowError for these (found by the fuzz test).
    client.force_login(make_user(group="Editors"))
    r = client.post("/admin/articles/article/add/", {"title": "x", "officials": [huge], "enterprises": [huge]})
    assert r.status_code == 200
    assert "errornote" in r.text and "is not a valid value" in r.text
