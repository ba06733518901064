from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed

from .two_factor import clean_code, sign_in_check, totp_device_for


def code_field(*, required: bool, digits_only: bool = True) -> forms.CharField:
    attrs = {"autocomplete": "one-time-code", "size": 10}
    if digits_only:
        attrs["inputmode"] = "numeric"
    return forms.CharField(
        label="Authentication code",
        required=required,
        max_length=12,
        strip=True,
        help_text="The six digits your authenticator app shows now.",
        widget=forms.TextInput(attrs=attrs),
    )


class TwoFactorAuthenticationForm(AdminAuthenticationForm):
    """The admin sign-in form with a code field, needed by accounts that
    have turned two-factor sign-in on. A wrong code counts as a failed
    login towards django-axes's lock-out, as a wrong password does."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "code_missing": (
            "This account signs in with a code: enter the six digits your authenticator app shows "
            "(or one of your recovery codes)."
        ),
        "code_invalid": "That code is not right, or has been used already. Wait for the next code and try again.",
    }

    # Not digits only: a recovery code has letters.
    otp_token = code_field(required=False, digits_only=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["otp_token"].help_text = (
            "Only if you have turned on two-factor sign-in. Without your phone, type one of your recovery codes."
        )

    def clean(self) -> dict:
        cleaned = super().clean()  # the password, checked through django-axes
        user = self.user_cache
        device = totp_device_for(user) if user is not None else None
        if device is None:
            return cleaned
        code = clean_code(cleaned.get("otp_token"))
        if not code:
            raise forms.ValidationError(self.error_messages["code_missing"], code="code_missing")
        accepted = sign_in_check(user=user, device=device, code=code)
        if accepted is None:
            user_login_failed.send(
                sender=__name__, credentials={"username": user.get_username()}, request=self.request
            )
            raise forms.ValidationError(self.error_messages["code_invalid"], code="code_invalid")
        # django-otp's user_logged_in receiver stores the device in the
        # session, which marks the session as verified.
        user.otp_device = accepted
        return cleaned


class CodeForm(forms.Form):
    """One code, for turning two-factor sign-in on or off."""

    code = code_field(required=True)

    def clean_code(self) -> str:
        code = clean_code(self.cleaned_data["code"])
        if not code.isdigit():
            raise forms.ValidationError("Enter the digits only.")
        return code
