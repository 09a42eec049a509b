"""The members' own space at /mypage/ (マイページ): the entries an account manages, their edit
form (drafts approved by the secretariat) and their visibility and consent."""

from django.apps import AppConfig


class MemberspaceConfig(AppConfig):
    name = "memberspace"
    verbose_name = "Members' own space"
