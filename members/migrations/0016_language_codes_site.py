"""The directory's language codes become the site's (settings.SITE_LANGUAGES): "pt" → "pt-br",
"zh" → "zh-hans", so a reader's language selects the groups that help in it by code.
Existing search documents keep the old codes until ``search_index rebuild``."""

from django.db import migrations, models

RENAMED = {"pt": "pt-br", "zh": "zh-hans"}


def rename(apps, mapping):
    Language = apps.get_model("members", "Language")
    for old, new in mapping.items():
        if not Language.objects.filter(code=new).exists():
            Language.objects.filter(code=old).update(code=new)


def forwards(apps, schema_editor):
    rename(apps, RENAMED)


def backwards(apps, schema_editor):
    rename(apps, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [("members", "0015_privacy_request_choices")]
    operations = [
        migrations.AlterField(
            model_name="language",
            name="code",
            field=models.CharField(max_length=12, unique=True, verbose_name="language code"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
