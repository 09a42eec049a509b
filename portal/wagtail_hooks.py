from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.translation_report import translations_report


@hooks.register("before_serve_page")
def refuse_expired_pages(page, request, serve_args, serve_kwargs):
    """A page past its unpublish date answers 404 at once, not only after the next run of
    ``publish_scheduled`` turns it off, matching what ``portal.visibility`` lists."""
    if page.expire_at is not None and page.expire_at <= timezone.now():
        raise Http404


@hooks.register("register_admin_urls")
def translation_report_urls():
    return [path("reports/translations/", translations_report, name="translation_report")]


@hooks.register("register_reports_menu_item")
def translation_report_menu_item():
    return MenuItem(
        _("Translations to do"), reverse("translation_report"), icon_name="site", order=750
    )
