from django import template

from relay import services
from relay.forms import RelayForm

register = template.Library()


@register.inclusion_tag("relay/form.html")
def relay_form(group):
    """The contact form on the group page. That page is cached for anonymous visitors, so
    nothing here may depend on the visitor: an empty form and a CSRF field csrf.js fills."""
    return {
        "group": group,
        "unavailable": services.unavailable_reason(group),
        "form": RelayForm(),
        "deferred_csrf": True,
    }
