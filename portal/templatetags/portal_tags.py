from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per site language pointing at this page in that language.

    Wagtail pages link to their translation (or that locale's home page when there is none);
    other views keep their path and query string under the other language's URL prefix.
    """
    request = context["request"]
    page = context.get("page")
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if page is not None and hasattr(page, "get_translations"):
            translation = (
                page.get_translations(inclusive=True)
                .live()
                .filter(locale__language_code=code)
                .first()
            )
            if translation is not None:
                url = translation.get_url(request)
        if url is None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links
