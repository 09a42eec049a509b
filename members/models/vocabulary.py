from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import TagBase, TaggedItemBase

from .regions import SYNONYMS_HELP, BilingualName


class FieldTag(TagBase):
    """A field of activity. ``name`` is the Japanese name; the same tags will tag pages."""

    name_en = models.CharField(_("name (English)"), max_length=100)
    synonyms = models.TextField(_("other names"), blank=True, help_text=SYNONYMS_HELP)

    # A controlled vocabulary: Wagtail's tag widget offers the existing tags only.
    free_tagging = False

    class Meta:
        ordering = ["name"]
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")

    @property
    def name_ja(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return BilingualName.label.fget(self)


class TaggedGroupField(TaggedItemBase):
    tag = models.ForeignKey(FieldTag, on_delete=models.CASCADE, related_name="tagged_groups")
    # Parental: a draft revision carries the entry's tags (modelcluster's ClusterTaggableManager).
    content_object = ParentalKey(
        "members.GroupMember", on_delete=models.CASCADE, related_name="tagged_fields"
    )


class TaggedIndividualField(TaggedItemBase):
    tag = models.ForeignKey(FieldTag, on_delete=models.CASCADE, related_name="tagged_individuals")
    content_object = ParentalKey(
        "members.IndividualMember", on_delete=models.CASCADE, related_name="tagged_fields"
    )


class Language(BilingualName):
    """A language a member can work in: the site's language code (settings.SITE_LANGUAGES) where
    the site has that language, else ISO 639-1."""

    code = models.CharField(_("language code"), max_length=12, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")


class SubNetwork(BilingualName):
    """A thematic sub-network (project). Its public page (projects.SubNetworkPage) points here,
    so member links survive page edits, moves and translations."""

    slug = models.SlugField(unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("sub-network")
