from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.plain_text import join_text, rich_text


class FundPage(Page):
    """The Migrants and Refugees Emergency Fund. The total is computed from its two sources so
    the published figures can never disagree with each other."""

    template = "pages/fund_page.html"
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.StandardPage"]
    search_kind = "fund"

    purpose = RichTextField(_("purpose"), features=["bold", "link", "ol", "ul"])
    amount_per_person = models.PositiveIntegerField(_("amount per person (yen)"))
    donations_amount = models.PositiveBigIntegerField(_("donations (yen)"))
    individual_donors = models.PositiveIntegerField(_("individual donors"))
    organisation_donors = models.PositiveIntegerField(_("organisational donors"))
    grants_amount = models.PositiveBigIntegerField(_("grants (yen)"))
    grant_organisations = models.PositiveIntegerField(_("granting organisations"))
    people_supported = models.PositiveIntegerField(_("people supported"))
    figures_as_of = models.DateField(_("figures as of"), null=True, blank=True)
    body = RichTextField(_("more"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("purpose"),
        FieldPanel("amount_per_person"),
        MultiFieldPanel(
            [
                FieldPanel("donations_amount"),
                FieldPanel("individual_donors"),
                FieldPanel("organisation_donors"),
            ],
            heading=_("Donations"),
        ),
        MultiFieldPanel(
            [FieldPanel("grants_amount"), FieldPanel("grant_organisations")],
            heading=_("Grants"),
        ),
        FieldPanel("people_supported"),
        FieldPanel("figures_as_of"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("fund page")

    @property
    def total(self) -> int:
        return self.donations_amount + self.grants_amount

    def share(self, amount: int) -> float:
        """Percentage of the total, for the bar chart; 0 when nothing has come in yet."""
        return round(100 * amount / self.total, 1) if self.total else 0.0

    @property
    def donations_share(self) -> float:
        return self.share(self.donations_amount)

    @property
    def grants_share(self) -> float:
        return self.share(self.grants_amount)

    def search_text(self) -> str:
        return join_text(rich_text(self.purpose), rich_text(self.body))
