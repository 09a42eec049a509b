"""Data that is the same for every visitor and changes only when editors publish or members
change (the menu, the membership counts, the locales' home pages), kept in Django's default
cache instead of queried on every request.

Each topic has a generation token that every key of the topic carries; a change replaces the
token, which orphans the topic's whole data at once. It is replaced at once and again after the
transaction commits, as for the page cache: a request that read the old rows while the change
was uncommitted must not leave them in the fresh cache. ``settings.SHARED_CACHE_SECONDS`` bounds
what a process that missed the signal could keep; production without a shared cache sets it to 0
(every worker's own LocMem would keep a withdrawn member in the counts until the TTL).

Only data that every visitor may see goes in: a caller filters restricted and unpublished
pages out before it stores anything, and checks what depends on the viewer per request.
"""

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

# The page tree, sites, site settings, locales and view restrictions.
PAGES = "pages"
# Member records: counts and anything else derived from every member.
MEMBERS = "members"
# User accounts, their groups and permissions.
ACCOUNTS = "accounts"

_MISSING = object()
T = TypeVar("T")


def _cache():
    return caches["default"]


def _generation_key(topic: str) -> str:
    return f"shared:{topic}:generation"


def _generation(topic: str) -> str:
    token = _cache().get(_generation_key(topic))
    if token is None:
        _cache().add(_generation_key(topic), uuid.uuid4().hex, timeout=None)
        token = _cache().get(_generation_key(topic))
    return token


def remember(topic: str, key: str, compute: Callable[[], T], *, seconds: int | None = None) -> T:
    """``compute()``'s value, from the cache while ``topic`` has not changed."""
    seconds = settings.SHARED_CACHE_SECONDS if seconds is None else seconds
    if seconds <= 0:
        return compute()
    full_key = f"shared:{topic}:{_generation(topic)}:{key}"
    value = _cache().get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        _cache().set(full_key, value, timeout=seconds)
    return value


def _replace(topic: str) -> None:
    _cache().set(_generation_key(topic), uuid.uuid4().hex, timeout=None)


def forget(topic: str) -> None:
    """Drop everything kept under ``topic``, now and once the current transaction commits."""
    _replace(topic)
    transaction.on_commit(lambda: _replace(topic))


def _pages_changed(**kwargs) -> None:
    forget(PAGES)


def _page_saved_or_deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        forget(PAGES)


def _restriction_groups_changed(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        forget(PAGES)


def _members_changed(**kwargs) -> None:
    forget(MEMBERS)


def _accounts_changed(**kwargs) -> None:
    forget(ACCOUNTS)


def _account_links_changed(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        forget(ACCOUNTS)


def connect() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from members.lifecycle import members_changed
    from members.models import GroupMember, IndividualMember
    from portal.models import SiteSettings

    for model in (Site, SiteSettings, Locale, PageViewRestriction):
        uid = f"shared-pages-{model._meta.label_lower}"
        post_save.connect(_pages_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_pages_changed, sender=model, dispatch_uid=f"{uid}-d")
    m2m_changed.connect(
        _restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="shared-pages-restriction-groups",
    )
    # Any page row saved (a title, "show in menus", a draft made live by a script) or deleted;
    # publishing and moving send their own signals as well.
    post_save.connect(_page_saved_or_deleted, dispatch_uid="shared-pages-page-saved")
    post_delete.connect(_page_saved_or_deleted, dispatch_uid="shared-pages-page-deleted")
    page_published.connect(_pages_changed, dispatch_uid="shared-pages-published")
    page_unpublished.connect(_pages_changed, dispatch_uid="shared-pages-unpublished")
    post_page_move.connect(_pages_changed, dispatch_uid="shared-pages-moved")

    for model in (GroupMember, IndividualMember):
        uid = f"shared-members-{model._meta.label_lower}"
        post_save.connect(_members_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_members_changed, sender=model, dispatch_uid=f"{uid}-d")
    members_changed.connect(_members_changed, dispatch_uid="shared-members-bulk")

    User = get_user_model()
    for model in (User, Group, Permission):
        uid = f"shared-accounts-{model._meta.label_lower}"
        post_save.connect(_accounts_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_accounts_changed, sender=model, dispatch_uid=f"{uid}-d")
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            _account_links_changed,
            sender=through,
            dispatch_uid=f"shared-accounts-{through._meta.label_lower}",
        )
