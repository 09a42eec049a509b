from django.http import Http404
from django.utils import timezone
from wagtail import hooks


@hooks.register("before_serve_page")
def refuse_expired_pages(page, request, serve_args, serve_kwargs):
    """A page past its unpublish date answers 404 at once, not only after the next run of
    ``publish_scheduled`` turns it off, matching what ``portal.visibility`` lists."""
    if page.expire_at is not None and page.expire_at <= timezone.now():
        raise Http404
