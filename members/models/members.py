import random
import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from members.text import normalize, reading_of, romaji_words, to_hiragana

from .privacy import Grants, Tier, Visibility, audience_q, may_see
from .regions import Prefecture, english_names
from .vocabulary import Language, SubNetwork, TaggedGroupField, TaggedIndividualField

PERSON_SLUG_ALPHABET = string.ascii_lowercase + string.digits
POSTAL_VISIBILITY_CHOICES = [(v.value, v.label) for v in Visibility if v != Visibility.PUBLIC]


def new_person_slug(rng: random.Random | None = None) -> str:
    """A person's URL key: random, so it neither counts records (a pk leaves gaps where hidden
    people sit) nor puts a name into URLs, logs and Referer headers. 36**12 keys: no retry."""
    return "".join((rng or random.SystemRandom()).choices(PERSON_SLUG_ALPHABET, k=12))


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    LAPSED = "lapsed", _("Lapsed")


class ParticipationRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")


class MemberQuerySet(models.QuerySet):
    def listed(self):
        """Records that may appear in the directory at all: published (a never-approved entry
        is only a draft), active, consented, not withdrawn."""
        return self.filter(
            live=True,
            status=Status.ACTIVE,
            consent_given_at__isnull=False,
            consent_withdrawn_at__isnull=True,
        )

    def matching(self, q: str):
        """Keyword match over names, reading, romaji and the kind's own text fields (never
        contacts); ``q`` must be normalised already. The admin's search box and the public
        directory's database fallback both use it, so both find the same members."""
        match = self._word_match(q) | Q(romaji__icontains=q.lower().replace(" ", ""))
        words = q.split()
        if len(words) > 1:
            # Word by word, as the index matches: "sendai sheruta" finds 仙台移住女性シェルター,
            # each word anywhere in the names, reading, romaji words or text.
            every = Q()
            for word in words:
                every &= self._word_match(word)
            match |= every
        return self.filter(match)

    def _word_match(self, q: str) -> Q:
        match = (
            Q(name__icontains=q)
            | Q(kana__icontains=to_hiragana(q))
            | Q(romaji__icontains=q.lower())
        )
        for name in self.model.text_fields:
            match |= Q(**{f"{name}__icontains": q})
        return match

    def managed_by(self, user):
        """The entries ``user`` may edit on the public site: a group's managers, a person's own
        account. Staff rights in the admin are a different thing and do not count here."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(**{self.model.manager_lookup: user})

    def visible_to(self, viewer: Grants | Tier):
        """What a viewer with these grants may see. The secretariat sees every record."""
        grants = Grants.of(viewer)
        if grants.tier >= Tier.SECRETARIAT:
            return self
        if grants.tier < self.model.minimum_viewer_tier:
            return self.none()
        return self.listed().filter(audience_q(grants, self.model))


def postal_never_public(kind: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=~Q(postal_visibility=Visibility.PUBLIC), name=f"{kind}_postal_never_public"
    )


class ContactFields(models.Model):
    """Private contact data: never indexed, shown only to the tier this record grants."""

    contact_email = models.EmailField(_("contact email (private)"), blank=True)
    contact_phone = models.CharField(_("phone (private)"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address (private)"), blank=True)
    contact_visibility = models.CharField(
        _("who may see email and phone"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.SECRETARIAT,
        help_text=_(
            "Public only when the member consented to a public listing; the contact form is "
            "the public way to reach a group."
        ),
    )
    # A postal address is where people live and shelter: never public, whatever the e-mail
    # and phone allow (docs/privacy.md). The choices and a constraint both leave "public" out.
    postal_visibility = models.CharField(
        _("who may see the postal address"),
        max_length=12,
        choices=POSTAL_VISIBILITY_CHOICES,
        default=Visibility.SECRETARIAT,
    )

    CONTACT_FIELDS = ("contact_email", "contact_phone", "postal_address")
    # Each private field and the rule that guards it: e-mail and phone follow
    # ``contact_visibility``, the postal address ``postal_visibility``.
    POSTAL_FIELDS = ("postal_address", "postal_visibility")
    PRIVATE_FIELDS = (*CONTACT_FIELDS, "contact_visibility", "postal_visibility")

    class Meta:
        abstract = True

    def contacts_visible_to(self, viewer: "Grants | Tier") -> bool:
        """Whether ``viewer`` may see the e-mail and phone (the postal address has its own
        rule); a sub-network audience for contacts is the entry's own ``audience_subnetworks``."""
        return may_see(viewer, *self.audience_of("contact_visibility"))

    def postal_visible_to(self, viewer: "Grants | Tier") -> bool:
        # Never below the members tier, even for a row written around the form and constraint.
        return Grants.of(viewer).tier >= Tier.MEMBER and may_see(
            viewer, *self.audience_of("postal_visibility")
        )

    def private_field_visible_to(self, name: str, viewer: "Grants | Tier") -> bool:
        if name in self.POSTAL_FIELDS:
            return self.postal_visible_to(viewer)
        return self.contacts_visible_to(viewer)

    def visible_contacts(self, viewer: "Grants | Tier") -> dict[str, str]:
        """The filled contact fields ``viewer`` may see, by name, each by its own rule: what the
        member pages show (exports and the admin ask ``private_field_visible_to``)."""
        return {
            name: getattr(self, name)
            for name in self.CONTACT_FIELDS
            if getattr(self, name) and self.private_field_visible_to(name, viewer)
        }

    def clean(self):
        super().clean()
        if self.contact_visibility == Visibility.PUBLIC and self.consent_tier != Visibility.PUBLIC:
            raise ValidationError(
                {
                    "contact_visibility": _(
                        "Email and phone can be public only when the member consented to a "
                        "public listing."
                    )
                }
            )


class MemberBase(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
    ContactFields,
):
    """A directory entry. Content edits are drafts (Wagtail revisions) that go live through
    the "Directory entry approval" workflow; who may see the entry (``PRIVACY_FIELDS``) is
    never part of a draft."""

    name = models.CharField(_("name"), max_length=200)
    kana = models.CharField(_("kana reading"), max_length=200, blank=True)
    romaji = models.CharField(
        _("romaji"),
        max_length=500,
        blank=True,
        editable=False,
        help_text=_("Derived from the name and its kana reading, word by word."),
    )
    kana_needs_review = models.BooleanField(
        _("reading needs review"),
        default=False,
        help_text=_(
            "The kana reading was derived from the name by a dictionary. Correct it or untick this."
        ),
    )
    prefecture = models.ForeignKey(
        Prefecture, verbose_name=_("prefecture"), on_delete=models.PROTECT, null=True, blank=True
    )
    # Parental: a draft revision carries the languages, and only publishing writes them.
    languages = ParentalManyToManyField(Language, verbose_name=_("languages"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    last_confirmed = models.DateField(_("last confirmed"), null=True, blank=True)
    # When the managers were last asked to confirm the entry (members.confirmation).
    confirmation_reminded_at = models.DateTimeField(
        _("confirmation reminded at"), null=True, blank=True, editable=False
    )
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_tier = models.CharField(
        _("consented tier"),
        max_length=12,
        choices=Visibility.choices,
        blank=True,
        help_text=_("The widest audience the member agreed to be listed for."),
    )
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn at"), null=True, blank=True)
    # No reverse relation: a sub-network never reaches its audiences from its side, so every
    # change goes through this field and its m2m_changed signal (search.sync).
    audience_subnetworks = models.ManyToManyField(
        SubNetwork,
        verbose_name=_("audience sub-networks"),
        blank=True,
        related_name="+",
        help_text=_(
            "Who sees the entry, or its contact data, when that is set to members of chosen "
            "sub-networks."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    # Wagtail's database search backend: the admin's search box (public search is ES).
    search_fields = [
        index.SearchField("name"),
        index.SearchField("kana"),
        index.SearchField("romaji"),
        index.AutocompleteField("name"),
        index.FilterField("id"),
        index.FilterField("live"),
        index.FilterField("status"),
        index.FilterField("visibility"),
        index.FilterField("consent_given_at"),
        index.FilterField("consent_withdrawn_at"),
    ]

    # The lowest viewer tier that may see any record of this kind, whatever its visibility.
    minimum_viewer_tier = Tier.ANONYMOUS
    # Text searched by ``MemberQuerySet.matching`` besides names and readings.
    text_fields: tuple[str, ...] = ()
    # Whether records of this kind serve places beyond their own (service_prefectures).
    has_service_area = False
    # The ORM path from a record to the accounts that manage it (``MemberQuerySet.managed_by``).
    manager_lookup = ""
    # Who may see the entry and whether it is listed at all. These change only through
    # ``members.consent`` / ``members.lifecycle`` (narrowing at once, widening on approval);
    # publishing a revision keeps their live values, so approving an old draft never
    # re-widens exposure.
    PRIVACY_FIELDS: tuple[str, ...] = (
        "visibility",
        "consent_tier",
        "consent_given_at",
        "consent_withdrawn_at",
        "contact_visibility",
        "postal_visibility",
        "status",
    )
    # Also written to the live row directly (the yearly confirmation and its reminders), so a
    # draft keeps the live value too. A sub-network audience (``audience_subnetworks``) is a
    # plain many-to-many that revisions do not carry, so publishing never touches it.
    LIVE_FIELDS: tuple[str, ...] = (
        *PRIVACY_FIELDS,
        "last_confirmed",
        "confirmation_reminded_at",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.normalize_text()
        super().save(*args, **kwargs)
        self._stored_text = (self.name, self.kana)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What was stored, to tell an edited reading from a derived one left as it was.
        instance._stored_text = (instance.__dict__.get("name"), instance.__dict__.get("kana"))
        return instance

    def normalize_text(self) -> None:
        """NFKC names and a hiragana reading, so every later comparison (search, import,
        dedupe) sees one form. Called by ``save`` and by bulk writers that bypass it.

        A member without a reading, or renamed with its reading left blank, gets one derived
        from its name, flagged for review; an unreviewed derived reading follows a rename, a
        reviewed one is kept and flagged; writing the reading clears the flag. Idempotent:
        an import calls it once to validate and once more through ``save``."""
        self.name = normalize(self.name)
        self.kana = to_hiragana(self.kana)
        stored_name, stored_kana = getattr(self, "_stored_text", (None, None))
        renamed = stored_name is not None and self.name != stored_name
        derived = getattr(self, "_derived_kana", None)
        if not self.kana and stored_kana and not renamed:
            # Nothing new to read: an import's blank cell leaves the stored reading alone.
            self.kana = stored_kana
        if self.kana_needs_review and self.kana not in (stored_kana, derived):
            self.kana_needs_review = False  # someone wrote the reading
        elif self.kana_needs_review and renamed and self.kana == stored_kana:
            self.kana = ""  # the unreviewed reading was the old name's
        elif renamed and self.kana and self.kana == stored_kana:
            # A reviewed reading is not replaced, but after a rename it may no longer fit.
            self.kana_needs_review = True
        if self.name and not self.kana:
            self.kana = self._derived_kana = reading_of(self.name)
            self.kana_needs_review = True
        self.romaji = romaji_words(self.name, self.kana)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        attnames = [self._meta.get_field(name).attname for name in self.LIVE_FIELDS]
        # From the database, not from ``self``: a revision's cached object may be older than
        # a narrowing written since, and publishing it must not write the old values back.
        stored = type(self)._default_manager.filter(pk=self.pk).values(*attnames).first()
        for attname in attnames:
            setattr(obj, attname, stored[attname] if stored else getattr(self, attname))
        # The reading rules of ``normalize_text`` compare against what is stored: the live row.
        obj._stored_text = (self.name, self.kana)
        return obj

    def clean(self):
        super().clean()
        if self.consent_tier and (
            Visibility(self.visibility).tier < Visibility(self.consent_tier).tier
        ):
            raise ValidationError(
                {
                    "visibility": _(
                        "Visibility cannot be wider than the tier the member consented to."
                    )
                }
            )

    @property
    def display_name(self) -> str:
        """The name to show in the active language (people keep their own name)."""
        return self.name

    @property
    def is_listed(self) -> bool:
        return (
            self.live
            and self.status == Status.ACTIVE
            and self.consent_given_at is not None
            and self.consent_withdrawn_at is None
        )

    def manager_accounts(self) -> list:
        """The active accounts that manage this entry: who is invited, reminded and asked."""
        raise NotImplementedError

    def audience_of(self, field: str = "visibility") -> tuple[str, list[str]]:
        """The audience ``field`` sets: its value and, only when it names chosen sub-networks,
        their slugs (read from the database only then; a rebuild prefetches them as a list)."""
        value = getattr(self, field)
        if value != Visibility.SUBNETWORKS or self.pk is None:
            return value, []
        chosen = getattr(self, "audience_subnetworks_list", None)
        if chosen is None:
            chosen = self.audience_subnetworks.all()
        return value, sorted(subnetwork.slug for subnetwork in chosen)

    def visible_to(self, viewer: Grants | Tier) -> bool:
        grants = Grants.of(viewer)
        if grants.tier >= Tier.SECRETARIAT:
            return True
        if grants.tier < self.minimum_viewer_tier or not self.is_listed:
            return False
        return may_see(grants, *self.audience_of())


class GroupMember(MemberBase):
    """団体会員: a member organisation."""

    kind = "group"  # the ``type`` value of the directory, exports and imports
    text_fields = ("name_en", "description_ja", "description_en")
    has_service_area = True
    search_fields = [
        *MemberBase.search_fields,
        index.SearchField("name_en"),
        index.SearchField("member_number"),
        index.SearchField("description_ja"),
        index.SearchField("description_en"),
    ]

    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    member_number = models.CharField(_("member number"), max_length=20, unique=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    service_prefectures = ParentalManyToManyField(
        Prefecture,
        verbose_name=_("service area (prefectures)"),
        blank=True,
        related_name="served_by_groups",
    )
    serves_nationwide = models.BooleanField(_("serves nationwide (全国)"), default=False)
    serves_overseas = models.BooleanField(_("serves overseas (海外)"), default=False)
    fields = ClusterTaggableManager(
        verbose_name=_("fields of activity"), through=TaggedGroupField, blank=True
    )
    subnetworks = models.ManyToManyField(
        SubNetwork, through="GroupParticipation", blank=True, related_name="groups"
    )
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(
        _("public contact email"),
        blank=True,
        help_text=_("Shown to everyone who can see the group. Leave empty to keep it private."),
    )
    accepts_messages = models.BooleanField(
        _("accepts messages through the site"),
        default=True,
        help_text=_(
            "Visitors may write to the group's private contact email through a form on its "
            "page; the address itself is never shown."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("managers"),
        blank=True,
        related_name="managed_groups",
        help_text=_("Accounts that may edit this group's entry on the member pages."),
    )
    manager_lookup = "managers"

    class Meta:
        ordering = ["kana", "name"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        # One permission for the private contacts of both kinds of member; the Secretariat
        # group holds it and ``viewer_tier`` maps it to the secretariat tier.
        permissions = [("view_private_contacts", _("Can see private contact data of members"))]
        constraints = [postal_never_public("group")]

    def get_absolute_url(self) -> str:
        return reverse("members:group", kwargs={"slug": self.slug})

    def manager_accounts(self) -> list:
        return list(self.managers.filter(is_active=True))

    @property
    def display_name(self) -> str:
        english = english_names()
        return self.name_en if english and self.name_en else self.name

    def normalize_text(self) -> None:
        super().normalize_text()
        self.name_en = normalize(self.name_en)


class IndividualMember(MemberBase):
    """個人会員: a person who is a member of the network."""

    kind = "individual"
    search_fields = [
        *MemberBase.search_fields,
        index.SearchField("member_number"),
        index.SearchField("occupation"),
        index.SearchField("bio"),
    ]

    member_number = models.CharField(_("member number"), max_length=20, unique=True)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, default=new_person_slug, editable=False
    )
    affiliation = models.ForeignKey(
        GroupMember,
        verbose_name=_("affiliation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="affiliated_individuals",
    )
    occupation = models.CharField(_("occupation / expertise"), max_length=200, blank=True)
    fields = ClusterTaggableManager(
        verbose_name=_("fields of activity"), through=TaggedIndividualField, blank=True
    )
    subnetworks = models.ManyToManyField(
        SubNetwork, through="IndividualParticipation", blank=True, related_name="individuals"
    )
    bio = models.TextField(_("short bio"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="individual_member",
    )
    # A person is never listed to anonymous visitors (the directory shows people to network
    # members only), so "public" is not offered for individuals.
    visibility = models.CharField(
        _("visibility"),
        max_length=12,
        choices=[(v.value, v.label) for v in Visibility if v != Visibility.PUBLIC],
        default=Visibility.MEMBERS,
    )
    minimum_viewer_tier = Tier.MEMBER
    text_fields = ("occupation", "bio")
    # The linked account gives the members tier: a draft must not re-link an old one.
    LIVE_FIELDS = (*MemberBase.LIVE_FIELDS, "user")
    # A person manages their own entry, through the account linked to it.
    manager_lookup = "user"

    class Meta:
        ordering = ["kana", "name"]
        verbose_name = _("individual member")
        verbose_name_plural = _("individual members")
        constraints = [postal_never_public("individual")]

    def get_absolute_url(self) -> str:
        return reverse("members:person", kwargs={"slug": self.slug})

    def manager_accounts(self) -> list:
        return [self.user] if self.user is not None and self.user.is_active else []


class Participation(models.Model):
    """A member's part in a sub-network; the concrete classes add the member link."""

    subnetwork = models.ForeignKey(SubNetwork, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(
        _("role"),
        max_length=12,
        choices=ParticipationRole.choices,
        default=ParticipationRole.MEMBER,
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.member} – {self.subnetwork} ({self.role})"


class GroupParticipation(Participation):
    group = ParentalKey(GroupMember, on_delete=models.CASCADE, related_name="participations")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "subnetwork"], name="unique_group_subnetwork")
        ]

    @property
    def member(self) -> GroupMember:
        return self.group


class IndividualParticipation(Participation):
    individual = ParentalKey(
        IndividualMember, on_delete=models.CASCADE, related_name="participations"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["individual", "subnetwork"], name="unique_individual_subnetwork"
            )
        ]

    @property
    def member(self) -> IndividualMember:
        return self.individual
