from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0008_group_managers'),
    ]

    operations = [
        migrations.AddField(
            model_name='groupmember',
            name='accepts_messages',
            field=models.BooleanField(default=True, help_text="Visitors may write to the group's private contact email through a form on its page; the address itself is never shown.", verbose_name='accepts messages through the site'),
        ),
    ]
