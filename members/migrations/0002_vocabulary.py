"""Load the controlled vocabulary: 8 regions, 47 prefectures, fields, languages, sub-networks."""

from django.db import migrations

from members import vocabulary as v


def load(apps, schema_editor):
    Region = apps.get_model("members", "Region")
    Prefecture = apps.get_model("members", "Prefecture")
    FieldTag = apps.get_model("members", "FieldTag")
    Language = apps.get_model("members", "Language")
    SubNetwork = apps.get_model("members", "SubNetwork")
    regions = {}
    for order, (slug, ja, en) in enumerate(v.REGIONS):
        regions[slug], _ = Region.objects.update_or_create(
            slug=slug, defaults={"name_ja": ja, "name_en": en, "sort_order": order}
        )
    for code, region, ja, en in v.PREFECTURES:
        Prefecture.objects.update_or_create(
            code=code, defaults={"region": regions[region], "name_ja": ja, "name_en": en}
        )
    for slug, ja, en in v.FIELDS:
        FieldTag.objects.update_or_create(slug=slug, defaults={"name": ja, "name_en": en})
    for code, ja, en in v.LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name_ja": ja, "name_en": en})
    for order, (slug, ja, en) in enumerate(v.SUBNETWORKS):
        SubNetwork.objects.update_or_create(
            slug=slug, defaults={"name_ja": ja, "name_en": en, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
