"""Two-factor sign-in for staff, through the admin's real sign-in page and
the two-factor page, with codes worked out as an authenticator app would."""

import time
import types
from unittest import mock

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import totp_enrollment_confirm, totp_enrollment_start
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PAGE = "/admin/two-factor/"


@pytest.fixture
def clock():
    """The time django-otp checks codes against, moved by the test: a code
    is good for one 30-second step."""
    now = [time.time()]
    with mock.patch("django_otp.plugins.otp_totp.models.time", types.SimpleNamespace(time=lambda: now[0])):
        yield now


def code(device: TOTPDevice, when: float) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = when
    return f"{totp.token():06d}"


def enrolled(user, clock) -> TOTPDevice:
    device = totp_enrollment_start(user=user)
    assert totp_enrollment_confirm(user=user, code=code(device, clock[0])) is not None
    clock[0] += 30  # the set-up code is spent
    device.refresh_from_db()
    return device


def login(client, username, password=PASSWORD, otp=None, **extra):
    data = {"username": username, "password": password}
    if otp is not None:
        data["otp_token"] = otp
    return client.post(LOGIN, data, **extra)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def recovery_codes(page) -> list[str]:
    import re

    return re.findall(r"<li><code>([a-z2-7]{4} [a-z2-7]{4})</code></li>", page.text)


def test_staff_without_an_authenticator_sign_in_with_their_password(client):
    make_user("writer1", group="Writers")
    page = client.get("/admin/login/")
    assert 'name="otp_token"' in page.text and 'autocomplete="one-time-code"' in page.text
    response = login(client, "writer1")
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_with_two_factor_on_a_password_alone_does_not_sign_in(client, clock):
    enrolled(make_user("editor1", group="Editors"), clock)
    response = login(client, "editor1")
    assert response.status_code == 200
    assert "enter the six digits your authenticator app shows" in response.text
    assert not signed_in(client)


def test_the_right_code_signs_in_and_a_wrong_one_does_not(client, clock):
    device = enrolled(make_user("editor1", group="Editors"), clock)
    right = code(device, clock[0])
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    refused = login(client, "editor1", otp=wrong)
    assert refused.status_code == 200 and "That code is not right" in refused.text
    assert not signed_in(client)
    # A wrong code makes the device wait a moment before the next try.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    response = login(client, "editor1", otp=f"{right[:3]} {right[3:]}")  # typed with a space, as apps show it
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_works_once(client, clock):
    device = enrolled(make_user("editor1", group="Editors"), clock)
    used = code(device, clock[0])
    assert login(client, "editor1", otp=used).status_code == 302
    client.post("/admin/logout/")
    replay = login(client, "editor1", otp=used)
    assert replay.status_code == 200 and not signed_in(client)
    clock[0] += 30
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    assert login(client, "editor1", otp=code(device, clock[0])).status_code == 302


def test_guessing_codes_is_slowed_down(client, clock):
    device = enrolled(make_user("editor1", group="Editors"), clock)
    login(client, "editor1", otp="000000" if code(device, clock[0]) != "000000" else "111111")
    # Right after a wrong code even the right one is refused: each failure
    # doubles the wait, which makes a million guesses impractical.
    assert login(client, "editor1", otp=code(device, clock[0])).status_code == 200
    assert not signed_in(client)


def test_a_session_from_before_two_factor_was_turned_on_must_sign_in_again(client, clock):
    user = make_user("editor1", group="Editors")
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    enrolled(user, clock)  # turned on, say, from another browser
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/admin/login/")
    page = client.get(response.headers["Location"])
    assert "this session has not given one" in page.text


def test_turning_it_on_from_the_two_factor_page(client, clock):
    user = make_user("writer1", group="Writers")
    assert login(client, "writer1").status_code == 302
    page = client.get(PAGE)
    assert "Two-factor sign-in is <strong>off</strong>" in page.text
    assert client.post(PAGE, {"action": "start"}).status_code == 302
    page = client.get(PAGE)
    assert '<svg role="img" aria-label="QR code' in page.text
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    typed_secret = page.text.split('<code class="totp-secret">')[1].split("</code>")[0].replace(" ", "")
    import base64

    assert base64.b32decode(typed_secret + "=" * (-len(typed_secret) % 8)) == device.bin_key

    wrong = client.post(PAGE, {"action": "confirm", "code": "12345x"})
    assert wrong.status_code == 200 and "Enter the digits only" in wrong.text
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    done = client.post(PAGE, {"action": "confirm", "code": code(device, clock[0])})
    # The first authenticator comes with ten recovery codes, shown this once.
    assert done.status_code == 200 and len(recovery_codes(done)) == 10
    assert f'href="{PAGE}"' in done.text
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    # This session proved it holds the phone, so it stays in the newsroom.
    assert client.get("/admin/").status_code == 200
    assert "Two-factor sign-in is on" in client.get(PAGE).text
    # And the next sign-in asks for a code.
    client.post("/admin/logout/")
    assert login(client, "writer1").status_code == 200 and not signed_in(client)


def test_moving_to_a_new_phone_takes_the_old_ones_code_and_keeps_it_until_the_new_one_works(client, clock):
    user = make_user("writer1", group="Writers")
    old = enrolled(user, clock)
    assert login(client, "writer1", otp=code(old, clock[0])).status_code == 302
    # A session left open cannot swap in another phone without the current code.
    refused = client.post(PAGE, {"action": "start", "code": ""})
    assert refused.status_code == 200 and not TOTPDevice.objects.filter(user=user, confirmed=False).exists()
    clock[0] += 30
    assert client.post(PAGE, {"action": "start", "code": code(old, clock[0])}).status_code == 302
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    assert TOTPDevice.objects.filter(pk=old.pk, confirmed=True).exists()
    assert client.post(PAGE, {"action": "confirm", "code": code(new, clock[0])}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)) == [new.pk]


def test_cancelling_a_set_up_keeps_the_authenticator_in_use(client, clock):
    user = make_user("writer1", group="Writers")
    old = enrolled(user, clock)
    assert login(client, "writer1", otp=code(old, clock[0])).status_code == 302
    clock[0] += 30
    client.post(PAGE, {"action": "start", "code": code(old, clock[0])})
    assert client.post(PAGE, {"action": "cancel"}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", "confirmed")) == [(old.pk, True)]


def test_turning_it_off_needs_a_current_code(client, clock):
    user = make_user("writer1", group="Writers")
    device = enrolled(user, clock)
    assert login(client, "writer1", otp=code(device, clock[0])).status_code == 302
    clock[0] += 30
    refused = client.post(PAGE, {"action": "disable", "code": "999999" if code(device, clock[0]) != "999999" else "888888"})
    assert refused.status_code == 200 and TOTPDevice.objects.filter(user=user).exists()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    assert client.post(PAGE, {"action": "disable", "code": code(device, clock[0])}).status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_when_the_newsroom_requires_it_staff_set_it_up_before_anything_else(client, clock, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    user = make_user("writer1", group="Writers")
    assert login(client, "writer1").status_code == 302
    for path in ("/admin/", "/admin/articles/article/", "/admin/password_change/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith(f"{PAGE}?next="), path
    page = client.get(PAGE + "?next=/admin/articles/article/")
    assert "requires two-factor sign-in" in page.text
    client.post(PAGE, {"action": "start", "next": "/admin/articles/article/"})
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(PAGE, {"action": "confirm", "code": code(device, clock[0]), "next": "/admin/articles/article/"})
    assert done.status_code == 200 and 'href="/admin/articles/article/"' in done.text  # after the recovery codes
    assert client.get("/admin/articles/article/").status_code == 200
    clock[0] += 30
    kept = client.post(PAGE, {"action": "disable", "code": code(device, clock[0])})
    assert "cannot be turned off" in kept.text and TOTPDevice.objects.filter(user=user).exists()


def test_next_never_leads_off_the_site(client, clock):
    user = make_user("writer1", group="Writers")
    assert login(client, "writer1").status_code == 302
    client.post(PAGE, {"action": "start"})
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(PAGE, {"action": "confirm", "code": code(device, clock[0]), "next": "https://evil.example/"})
    assert "evil.example" not in done.text and f'href="{PAGE}"' in done.text


def test_wrong_codes_count_towards_the_login_lock_out(client, clock, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    device = enrolled(make_user("editor1", group="Editors"), clock)
    right = code(device, clock[0])
    wrong = "000000" if right != "000000" else "111111"
    statuses = [login(client, "editor1", otp=wrong, REMOTE_ADDR="203.0.113.9").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)
    assert login(client, "editor1", otp=right, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert not signed_in(client)


def test_only_administrators_can_remove_someone_elses_authenticator(client, clock):
    device = enrolled(make_user("writer1", group="Writers"), clock)
    make_user("editor1", group="Editors")
    client.force_login(make_user("editor1b", group="Editors"))
    assert client.get(f"/admin/otp_totp/totpdevice/{device.pk}/delete/").status_code == 403
    client.force_login(make_user("chief", superuser=True))
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 200
    assert client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_forged_action_is_a_bad_request_and_changes_nothing(client):
    user = make_user("writer1", group="Writers")
    client.force_login(user)
    assert client.post(PAGE, {"action": "delete-everything"}).status_code == 400
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_the_command_line_resets_a_lost_phone_when_no_administrator_can(client, clock, settings):
    from io import StringIO

    from django.core.management import CommandError, call_command

    settings.STAFF_TWO_FACTOR_REQUIRED = True
    chief = make_user("chief", superuser=True)
    enrolled(chief, clock)
    assert login(client, "chief").status_code == 200 and not signed_in(client)  # phone lost: stuck
    out = StringIO()
    call_command("two_factor_reset", "chief", stdout=out)
    assert "Removed the authenticator of chief" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=chief).exists()
    # In with the password, and straight to setting up a new phone.
    assert login(client, "chief").status_code == 302
    assert client.get("/admin/").headers["Location"].startswith(f"{PAGE}?next=")
    with pytest.raises(CommandError, match="No user called 'nobody'"):
        call_command("two_factor_reset", "nobody")


def _turn_on_through_the_page(client, user, clock) -> tuple[TOTPDevice, list[str]]:
    assert login(client, user.username).status_code == 302
    client.post(PAGE, {"action": "start"})
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    codes = recovery_codes(client.post(PAGE, {"action": "confirm", "code": code(device, clock[0])}))
    clock[0] += 30
    client.post("/admin/logout/")
    return device, codes


def test_a_recovery_code_signs_in_once_without_the_phone(client, clock):
    user = make_user("writer1", group="Writers")
    _device, codes = _turn_on_through_the_page(client, user, clock)
    assert login(client, "writer1", otp=codes[0].upper()).status_code == 302  # however it is typed
    assert client.get("/admin/").status_code == 200
    assert "Recovery codes left: <strong>9</strong>" in client.get(PAGE).text
    client.post("/admin/logout/")
    assert login(client, "writer1", otp=codes[0]).status_code == 200 and not signed_in(client)


def test_new_recovery_codes_replace_the_old_ones(client, clock):
    user = make_user("writer1", group="Writers")
    device, old_codes = _turn_on_through_the_page(client, user, clock)
    assert login(client, "writer1", otp=code(device, clock[0])).status_code == 302
    clock[0] += 30
    assert client.post(PAGE, {"action": "recovery", "code": ""}).status_code == 200  # a code is needed
    renewed = client.post(PAGE, {"action": "recovery", "code": code(device, clock[0])})
    new_codes = recovery_codes(renewed)
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    client.post("/admin/logout/")
    assert login(client, "writer1", otp=old_codes[1]).status_code == 200
    StaticDevice.objects.filter(user=user).update(throttling_failure_timestamp=None)
    assert login(client, "writer1", otp=new_codes[1]).status_code == 302


def test_turning_off_or_resetting_takes_the_recovery_codes_too(client, clock):
    from django.core.management import call_command

    user = make_user("writer1", group="Writers")
    device, _codes = _turn_on_through_the_page(client, user, clock)
    assert StaticDevice.objects.filter(user=user).exists()
    call_command("two_factor_reset", "writer1", stdout=None)
    assert not StaticDevice.objects.filter(user=user).exists()
    device, _codes = _turn_on_through_the_page(client, user, clock)
    assert login(client, "writer1", otp=code(device, clock[0])).status_code == 302
    clock[0] += 30
    assert client.post(PAGE, {"action": "disable", "code": code(device, clock[0])}).status_code == 302
    assert not StaticDevice.objects.filter(user=user).exists()


def test_after_a_recovery_code_the_new_phone_is_set_up_without_the_old_ones_code(client, clock):
    user = make_user("writer1", group="Writers")
    old, codes = _turn_on_through_the_page(client, user, clock)
    assert login(client, "writer1", otp=codes[3]).status_code == 302
    page = client.get(PAGE)
    assert "You signed in with a recovery code" in page.text
    assert client.post(PAGE, {"action": "start"}).status_code == 302
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(PAGE, {"action": "confirm", "code": code(new, clock[0])}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)) == [new.pk]
    assert "Recovery codes left: <strong>9</strong>" in client.get(PAGE).text  # the rest still work


def test_a_session_that_gave_the_authenticator_code_still_needs_it_to_move(client, clock):
    user = make_user("writer1", group="Writers")
    old, _codes = _turn_on_through_the_page(client, user, clock)
    assert login(client, "writer1", otp=code(old, clock[0])).status_code == 302
    assert "You signed in with a recovery code" not in client.get(PAGE).text
    assert client.post(PAGE, {"action": "start"}).status_code == 200
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()
