"""Yearly confirmation's reminder date, and the postal address's own visibility (issue 10).

The postal address used to follow ``contact_visibility`` with the e-mail and phone. It now has
``postal_visibility``, which can never be public: each row starts from what its contacts had,
a public one narrowed to network members. E-mail and phone keep ``contact_visibility`` as it is.
"""

from django.db import migrations, models

VISIBILITY = [
    ("public", "Public"),
    ("members", "Network members"),
    ("secretariat", "Secretariat only"),
]
POSTAL_VISIBILITY = VISIBILITY[1:]


def postal_from_contact(apps, schema_editor):
    for name in ("GroupMember", "IndividualMember"):
        model = apps.get_model("members", name)
        # Public and members-only contacts: the address is shown to network members at most.
        model.objects.filter(contact_visibility__in=["public", "members"]).update(
            postal_visibility="members"
        )
        model.objects.filter(contact_visibility="secretariat").update(
            postal_visibility="secretariat"
        )


def contact_field():
    return models.CharField(
        choices=VISIBILITY,
        default="secretariat",
        help_text=(
            "Public only when the member consented to a public listing; the contact form is "
            "the public way to reach a group."
        ),
        max_length=12,
        verbose_name="who may see email and phone",
    )


def postal_field():
    return models.CharField(
        choices=POSTAL_VISIBILITY,
        default="secretariat",
        max_length=12,
        verbose_name="who may see the postal address",
    )


def reminded_field():
    return models.DateTimeField(
        blank=True, editable=False, null=True, verbose_name="confirmation reminded at"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0009_groupmember_accepts_messages"),
    ]

    operations = [
        *(
            operation
            for model in ("groupmember", "individualmember")
            for operation in (
                migrations.AddField(model, "confirmation_reminded_at", reminded_field()),
                migrations.AddField(model, "postal_visibility", postal_field()),
                migrations.AlterField(model, "contact_visibility", contact_field()),
            )
        ),
        migrations.RunPython(postal_from_contact, migrations.RunPython.noop),
        migrations.AddConstraint(
            "groupmember",
            models.CheckConstraint(
                condition=models.Q(("postal_visibility", "public"), _negated=True),
                name="group_postal_never_public",
            ),
        ),
        migrations.AddConstraint(
            "individualmember",
            models.CheckConstraint(
                condition=models.Q(("postal_visibility", "public"), _negated=True),
                name="individual_postal_never_public",
            ),
        ),
    ]
