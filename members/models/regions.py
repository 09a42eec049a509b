from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SYNONYMS_HELP = _(
    "Comma-separated words that find this in the directory's search box: cities, countries, "
    "everyday words. Its own names, their kana reading and romaji count already."
)


def english_names() -> bool:
    """Whether the active language shows names in English: every language but Japanese and
    やさしい日本語 does, since a Vietnamese or Nepali reader reads Latin letters sooner than kanji."""
    return not (get_language() or "ja").startswith("ja")


class BilingualName(models.Model):
    """Vocabulary rows carry a Japanese and an English name; ``label`` picks by language."""

    name_ja = models.CharField(_("name (Japanese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    synonyms = models.TextField(_("other names"), blank=True, help_text=SYNONYMS_HELP)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.name_ja} / {self.name_en}"

    @property
    def label(self) -> str:
        return self.name_en if english_names() else self.name_ja


class Region(BilingualName):
    """One of Japan's eight 地方."""

    slug = models.SlugField(unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("region")


class Prefecture(BilingualName):
    """One of the 47 都道府県, identified by its JIS X 0401 code ('01'–'47')."""

    code = models.CharField(_("JIS code"), max_length=2, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="prefectures")

    class Meta:
        ordering = ["code"]
        verbose_name = _("prefecture")
