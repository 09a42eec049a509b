"""The editors' report of missing and outdated translations (Wagtail admin → Reports)."""

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from portal.translations import subnetwork_roots, translation_report


@permission_required("wagtailadmin.access_admin")
def translations_report(request):
    roots = subnetwork_roots()
    chosen = next((root for root in roots if str(root.pk) == request.GET.get("subtree")), None)
    names = dict(settings.LANGUAGES)
    return render(
        request,
        "portal/translation_report.html",
        {
            "page_title": _("Translations to do"),
            "header_icon": "site",
            "rows": translation_report(subtree=chosen),
            "roots": roots,
            "chosen": chosen,
            "languages": [(code, names[code]) for code in names if code != settings.LANGUAGE_CODE],
            # wagtail-localize's "Translate this page" is the Secretariat's (portal 0006).
            "can_translate": request.user.has_perm("wagtail_localize.submit_translation"),
        },
    )
