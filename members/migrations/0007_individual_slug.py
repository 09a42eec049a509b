"""Individuals get a random URL key (``slug``) so that pages and the API stop exposing pks."""

from django.db import migrations, models

import members.models.members


def fill_slugs(apps, schema_editor):
    IndividualMember = apps.get_model("members", "IndividualMember")
    taken = set()
    for person in IndividualMember.objects.filter(slug__isnull=True).only("pk"):
        slug = members.models.members.new_person_slug()
        while slug in taken:
            slug = members.models.members.new_person_slug()
        taken.add(slug)
        IndividualMember.objects.filter(pk=person.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("members", "0006_vocabulary_synonyms")]

    operations = [
        # Nullable first: a callable default is evaluated once for every existing row. No index
        # yet: PostgreSQL's "_like" index would be created again, same name, by the unique step.
        migrations.AddField(
            model_name="individualmember",
            name="slug",
            field=models.SlugField(
                max_length=120, null=True, db_index=False, editable=False, verbose_name="slug"
            ),
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="individualmember",
            name="slug",
            field=models.SlugField(
                default=members.models.members.new_person_slug,
                editable=False,
                max_length=120,
                unique=True,
                verbose_name="slug",
            ),
        ),
    ]
