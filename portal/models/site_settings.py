from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from members.models import english_names


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details, social links and footer text, edited in the admin per site."""

    contact_email = models.EmailField(_("contact email"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    # One site serves both languages, so the free text is kept in each.
    footer_text_ja = models.TextField(_("footer text (Japanese)"), blank=True)
    footer_text_en = models.TextField(_("footer text (English)"), blank=True)

    class Meta:
        verbose_name = _("site settings")

    @property
    def footer_text(self) -> str:
        # A Vietnamese or Nepali reader reads the English text sooner than the Japanese.
        if english_names():
            return self.footer_text_en or self.footer_text_ja
        return self.footer_text_ja
