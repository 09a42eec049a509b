"""Django's and Wagtail's own words for permission groups. The project's catalogues translate
them apart from member groups (権限グループ, not 団体会員, in Japanese), overriding Django's and
Wagtail's catalogues; they are named here so that ``makemessages`` keeps them, since no other
line of the project's code says them."""

from django.utils.translation import gettext_noop

PERMISSION_GROUP_WORDS = (
    gettext_noop("group"),
    gettext_noop("groups"),
    gettext_noop("Group"),
    gettext_noop("Groups"),
)
