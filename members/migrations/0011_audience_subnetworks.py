from django.db import migrations, models

FOUR = [
    ("public", "Public"),
    ("members", "Network members"),
    ("subnetworks", "Members of chosen sub-networks"),
    ("secretariat", "Secretariat only"),
]
HELP = (
    "Who sees the entry, or its contact data, when that is set to members of chosen "
    "sub-networks."
)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0010_confirmation_postal_visibility"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model,
                name="audience_subnetworks",
                field=models.ManyToManyField(
                    blank=True,
                    help_text=HELP,
                    related_name="+",
                    to="members.subnetwork",
                    verbose_name="audience sub-networks",
                ),
            )
            for model in ("groupmember", "individualmember")
        ),
        *(
            migrations.AlterField(
                model_name=model,
                name=name,
                field=models.CharField(
                    blank=True,
                    choices=FOUR,
                    help_text="The widest audience the member agreed to be listed for.",
                    max_length=12,
                    verbose_name="consented tier",
                ),
            )
            for model in ("groupmember", "individualmember")
            for name in ("consent_tier",)
        ),
        *(
            migrations.AlterField(
                model_name=model,
                name="contact_visibility",
                field=models.CharField(
                    choices=FOUR,
                    default="secretariat",
                    max_length=12,
                    verbose_name="who may see contact data",
                ),
            )
            for model in ("groupmember", "individualmember")
        ),
        migrations.AlterField(
            model_name="groupmember",
            name="visibility",
            field=models.CharField(
                choices=FOUR, default="public", max_length=12, verbose_name="visibility"
            ),
        ),
        migrations.AlterField(
            model_name="individualmember",
            name="visibility",
            field=models.CharField(
                choices=FOUR[1:], default="members", max_length=12, verbose_name="visibility"
            ),
        ),
    ]
