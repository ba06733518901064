from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.two_factor import totp_devices_reset


class Command(BaseCommand):
    help = (
        "Remove a member of staff's two-factor authenticator (a lost phone), so they can sign in with "
        "their password and set up a new one. For when no administrator can reach the admin, e.g. the "
        "only superuser lost the phone."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user called {username!r}.") from None
        removed = totp_devices_reset(user=user)
        if removed:
            self.stdout.write(f"Removed the authenticator of {username}: they sign in with the password, "
                              "then set up a new one.")
        else:
            self.stdout.write(f"{username} had no authenticator; nothing changed.")
