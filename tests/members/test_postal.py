"""The postal address has its own rule, never public (issue 10, part 7); e-mail and phone may be
public only with a public consent (docs/privacy.md)."""

import importlib
import pkgutil

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import members.migrations
from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import GroupMember, IndividualMember, Tier, Visibility
from members.transfer import export_records, members_import
from members.viewsets import MemberIndexView

pytestmark = pytest.mark.django_db

ADDRESS = "東京都新宿区西新宿9-9-9 秘密ビル"
EMAIL = "office@open-group.example.org"


def open_group(**fields) -> GroupMember:
    """A public group whose e-mail and phone are public (consented), with an address."""
    return GroupMemberFactory(
        **{
            "name": "開かれた会",
            "slug": "open-group",
            "consent_tier": Visibility.PUBLIC,
            "contact_email": EMAIL,
            "contact_visibility": Visibility.PUBLIC,
            "postal_address": ADDRESS,
            **fields,
        }
    )


def page(client, member) -> str:
    return client.get(member.get_absolute_url()).content.decode()


@pytest.mark.usefixtures("search_down")
def test_anonymous_never_sees_the_address_even_with_public_contacts(client):
    group = open_group(postal_visibility=Visibility.MEMBERS)
    html = page(client, group)
    assert EMAIL in html  # e-mail follows its own, public, rule
    assert ADDRESS not in html and "西新宿" not in html


@pytest.mark.usefixtures("search_down")
@pytest.mark.parametrize(
    ("postal", "member_sees", "secretariat_sees"),
    [(Visibility.MEMBERS, True, True), (Visibility.SECRETARIAT, False, True)],
)
def test_the_address_follows_postal_visibility(
    client, member_user, secretariat_user, postal, member_sees, secretariat_sees
):
    group = open_group(postal_visibility=postal)
    client.force_login(member_user)
    html = page(client, group)
    assert EMAIL in html
    assert (ADDRESS in html) is member_sees
    client.force_login(secretariat_user)
    assert (ADDRESS in page(client, group)) is secretariat_sees


@pytest.mark.usefixtures("search_down")
def test_an_address_can_be_shared_while_email_stays_private(member_client):
    person = IndividualMemberFactory(
        contact_email="hidden@example.org",
        contact_visibility=Visibility.SECRETARIAT,
        postal_address=ADDRESS,
        postal_visibility=Visibility.MEMBERS,
    )
    html = page(member_client, person)
    assert ADDRESS in html
    assert "hidden@example.org" not in html


def test_the_rule_itself():
    group = GroupMemberFactory.build(postal_visibility=Visibility.MEMBERS)
    assert not group.postal_visible_to(Tier.ANONYMOUS)
    assert group.postal_visible_to(Tier.MEMBER)
    # A row that slipped past the form and the constraint is still never shown publicly.
    group.postal_visibility = Visibility.PUBLIC
    assert not group.postal_visible_to(Tier.ANONYMOUS)
    assert not group.private_field_visible_to("postal_address", Tier.ANONYMOUS)


def test_the_database_refuses_a_public_address():
    group = GroupMemberFactory()
    person = IndividualMemberFactory()
    for model, pk in ((GroupMember, group.pk), (IndividualMember, person.pk)):
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.filter(pk=pk).update(postal_visibility=Visibility.PUBLIC)


def test_the_model_refuses_public_address_and_unconsented_public_contacts():
    group = GroupMemberFactory(consent_tier=Visibility.MEMBERS, visibility=Visibility.MEMBERS)
    group.postal_visibility = Visibility.PUBLIC
    with pytest.raises(ValidationError) as error:
        group.full_clean(exclude=["logo"])
    assert "postal_visibility" in error.value.message_dict
    group.postal_visibility = Visibility.MEMBERS
    group.contact_visibility = Visibility.PUBLIC
    with pytest.raises(ValidationError) as error:
        group.full_clean(exclude=["logo"])
    assert "contact_visibility" in error.value.message_dict
    group.consent_tier = group.visibility = Visibility.PUBLIC
    group.full_clean(exclude=["logo"])


def test_the_admin_form_refuses_a_public_address(secretariat_user):
    form_class = GroupMember.snippet_viewset.get_edit_handler().get_form_class()
    field = form_class(for_user=secretariat_user).fields["postal_visibility"]
    assert Visibility.PUBLIC not in [value for value, _label in field.choices]
    assert field.initial == Visibility.SECRETARIAT or field.initial is None
    with pytest.raises(ValidationError):
        field.clean(Visibility.PUBLIC)


def test_an_import_cannot_make_an_address_public(tmp_path):
    group = GroupMemberFactory(member_number="G1", postal_visibility=Visibility.MEMBERS)
    path = tmp_path / "members.csv"
    path.write_text(f"type,member_number,name,postal_visibility\ngroup,G1,{group.name},public\n")
    report = members_import(path=path)
    assert {e.column for e in report.errors} == {"postal_visibility"}
    group.refresh_from_db()
    assert group.postal_visibility == Visibility.MEMBERS


def test_exports_apply_each_contact_rule(secretariat_user):
    open_group(contact_visibility=Visibility.MEMBERS, consent_tier=Visibility.MEMBERS,
               visibility=Visibility.MEMBERS, postal_visibility=Visibility.SECRETARIAT)  # fmt: skip
    view = MemberIndexView()
    view.list_export = ["name", "contact_email", "postal_address", "postal_visibility"]
    group = GroupMember.objects.get(slug="open-group")
    view.tier = Tier.MEMBER
    assert view.to_row_dict(group) == {
        "name": "開かれた会",
        "contact_email": EMAIL,
        "postal_address": "",
        "postal_visibility": "",
    }
    view = MemberIndexView()
    view.list_export = ["postal_address"]
    view.tier = Tier.SECRETARIAT
    assert view.to_row_dict(group) == {"postal_address": ADDRESS}
    # The full export is the secretariat's; the public one has no contact column at all.
    (full,) = [r for r in export_records(public_only=False) if r["name"] == "開かれた会"]
    assert full["postal_address"] == ADDRESS and full["postal_visibility"] == "secretariat"
    assert not any("postal_address" in r for r in export_records(public_only=True))


def _postal_migration():
    """The data migration, whatever number the merge gives it."""
    (name,) = [
        m.name
        for m in pkgutil.iter_modules(members.migrations.__path__)
        if m.name.endswith("_confirmation_postal_visibility")
    ]
    return importlib.import_module(f"members.migrations.{name}")


def test_the_migration_narrows_public_addresses_only():
    rows = {
        visibility: GroupMemberFactory(
            contact_visibility=visibility, consent_tier=Visibility.PUBLIC
        )
        for visibility in Visibility
    }
    person = IndividualMemberFactory(contact_visibility=Visibility.MEMBERS)
    # As the rows stood before the migration: no rule of their own for the address.
    GroupMember.objects.update(postal_visibility=Visibility.SECRETARIAT)
    IndividualMember.objects.update(postal_visibility=Visibility.SECRETARIAT)

    _postal_migration().postal_from_contact(apps, None)

    for visibility, group in rows.items():
        group.refresh_from_db()
        # E-mail and phone keep exactly what they had.
        assert group.contact_visibility == visibility
    assert rows[Visibility.PUBLIC].postal_visibility == Visibility.MEMBERS
    assert rows[Visibility.MEMBERS].postal_visibility == Visibility.MEMBERS
    assert rows[Visibility.SECRETARIAT].postal_visibility == Visibility.SECRETARIAT
    person.refresh_from_db()
    assert person.postal_visibility == Visibility.MEMBERS
