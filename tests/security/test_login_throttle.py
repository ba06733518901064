import pytest

from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def _login(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password},
                       REMOTE_ADDR="203.0.113.7")


def test_password_guessing_locks_the_account_even_against_the_right_password(client):
    make_user("editor1", group="Editors")
    for _ in range(4):
        assert _login(client, "editor1", "wrong-guess").status_code == 200
    # The fifth failure is the limit: it and every try after it are refused.
    assert _login(client, "editor1", "wrong-guess").status_code == 429
    locked = _login(client, "editor1", PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.text
    assert "_auth_user_id" not in client.session


def test_a_locked_username_does_not_lock_out_other_people(client):
    make_user("editor1", group="Editors")
    make_user("editor2", group="Editors")
    for _ in range(6):
        _login(client, "editor1", "wrong-guess")
    ok = _login(client, "editor2", PASSWORD)
    assert ok.status_code == 302 and ok.headers["Location"] == "/admin/"


def test_a_successful_login_before_the_limit_resets_the_count(client):
    make_user("writer1", group="Writers")
    for _ in range(4):
        _login(client, "writer1", "wrong-guess")
    assert _login(client, "writer1", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "writer1", "wrong-guess")
    assert _login(client, "writer1", PASSWORD).status_code == 302


def test_weak_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["password123", "12345678901234", "short"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("correct horse battery staple 42")
