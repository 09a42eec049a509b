"""Members' accounts: invitations, log-in and log-out, password reset and change."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"
