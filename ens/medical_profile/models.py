"""The medical profile of a person (design §5, issue 6 "Profil médical").

`MedicalProfile` keeps the five answers of the first visit (seed 003): every field is
nullable, "not answered" is not "no". Each section of the profile is a list of entries, one
model per section, all subclasses of `ProfileEntry` and owned by the insured person whose
profile it is (never by the user who typed them: a parent fills in a child's profile).
`ProfileShare` records with which professionals the person shared the summary (*synthèse*).
"""

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .vaccination_calendar import Target


class MedicalProfile(models.Model):
    person = models.OneToOneField(
        "registry.InsuredPerson", on_delete=models.CASCADE, related_name="medical_profile"
    )
    height_m = models.DecimalField(
        _("taille (m)"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    weight_kg = models.DecimalField(
        _("poids (kg)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    has_diseases = models.BooleanField(_("maladies ou autres sujets de santé"), null=True)
    has_treatments = models.BooleanField(_("traitements"), null=True)
    has_allergies = models.BooleanField(_("allergies"), null=True)
    # Last time any of the answers above was given.
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    # Set when the person finished or skipped the first-visit questions (seed 003): from then
    # on the home opens directly.
    first_visit_done_at = models.DateTimeField(
        _("première visite terminée le"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profil médical")
        verbose_name_plural = _("profils médicaux")

    def __str__(self) -> str:
        return f"profil médical de {self.person}"


def _day(value: date | None) -> str:
    return date_format(value, "d/m/Y") if value else ""


class ProfileEntry(models.Model):
    """One line of a section of the profile: dated, with free notes, owned by `person`."""

    person = models.ForeignKey("registry.InsuredPerson", on_delete=models.CASCADE, related_name="+")
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Date fields that cannot be in the future, and those that cannot precede the person's
    # birth (a relative's diagnosis can): the services check them.
    past_dates: ClassVar[tuple[str, ...]] = ()
    dates_after_birth: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """The entry as named in a list and in the access log."""
        raise NotImplementedError

    def details(self) -> list[tuple[str, str]]:
        """(label, text) of what the entry says besides its title; empty values left out."""
        raise NotImplementedError

    def facts(self) -> list[tuple[str, str]]:
        pairs = [*self.details(), (str(_("Notes")), self.notes)]
        return [(str(label), str(text)) for label, text in pairs if text]


class Condition(ProfileEntry):
    class Status(models.TextChoices):
        CURRENT = "current", _("Actuel")
        PAST = "past", _("Passé")

    name = models.CharField(_("maladie ou sujet de santé"), max_length=200)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.CURRENT
    )
    start_date = models.DateField(_("depuis le"), null=True, blank=True)
    end_date = models.DateField(_("jusqu'au"), null=True, blank=True)

    past_dates = ("start_date",)
    dates_after_birth = ("start_date", "end_date")

    class Meta:
        verbose_name = _("maladie ou sujet de santé")
        verbose_name_plural = _("maladies et sujets de santé")
        ordering = ["status", "-start_date", "name", "pk"]

    @property
    def title(self) -> str:
        return self.name

    def details(self) -> list[tuple[str, str]]:
        return [
            (_("Statut"), self.get_status_display()),
            (_("Depuis le"), _day(self.start_date)),
            (_("Jusqu'au"), _day(self.end_date)),
        ]


class Treatment(ProfileEntry):
    class Kind(models.TextChoices):
        MEDICATION = "medication", _("Médicament")
        CARE = "care", _("Soin")
        DEVICE = "device", _("Dispositif médical")

    name = models.CharField(_("nom du traitement"), max_length=200)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.MEDICATION)
    dose = models.CharField(_("dose et fréquence"), max_length=200, blank=True)
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)

    past_dates = ()
    dates_after_birth = ("start_date", "end_date")

    class Meta:
        verbose_name = _("traitement")
        verbose_name_plural = _("traitements")
        ordering = ["-start_date", "name", "pk"]

    @property
    def title(self) -> str:
        return self.name

    def details(self) -> list[tuple[str, str]]:
        return [
            (_("Type"), self.get_kind_display()),
            (_("Dose"), self.dose),
            (_("Début"), _day(self.start_date)),
            (_("Fin"), _day(self.end_date)),
        ]


class Allergy(ProfileEntry):
    class Kind(models.TextChoices):
        FOOD = "food", _("Allergie alimentaire")
        DRUG = "drug", _("Allergie médicamenteuse")
        ENVIRONMENT = "environment", _("Allergie respiratoire ou environnementale")
        CONTACT = "contact", _("Allergie de contact")
        VENOM = "venom", _("Allergie aux venins")
        INTOLERANCE = "intolerance", _("Intolérance")
        OTHER = "other", _("Autre")

    class Severity(models.TextChoices):
        MILD = "mild", _("Légère")
        MODERATE = "moderate", _("Modérée")
        SEVERE = "severe", _("Sévère (choc anaphylactique, œdème)")
        UNKNOWN = "unknown", _("Je ne sais pas")

    substance = models.CharField(_("substance ou aliment en cause"), max_length=200)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    reaction = models.CharField(_("réaction"), max_length=200, blank=True)
    severity = models.CharField(
        _("sévérité"), max_length=10, choices=Severity.choices, default=Severity.UNKNOWN
    )
    noticed_on = models.DateField(_("constatée le"), null=True, blank=True)

    past_dates = ("noticed_on",)
    dates_after_birth = ("noticed_on",)

    class Meta:
        verbose_name = _("allergie ou intolérance")
        verbose_name_plural = _("allergies et intolérances")
        ordering = ["substance", "pk"]

    @property
    def title(self) -> str:
        return self.substance

    def details(self) -> list[tuple[str, str]]:
        return [
            (_("Type"), self.get_kind_display()),
            (_("Réaction"), self.reaction),
            (_("Sévérité"), self.get_severity_display()),
            (_("Constatée le"), _day(self.noticed_on)),
        ]


class Vaccination(ProfileEntry):
    target = models.CharField(_("vaccination contre"), max_length=12, choices=Target.choices)
    vaccine = models.CharField(_("nom du vaccin"), max_length=200, blank=True)
    given_on = models.DateField(_("date de la vaccination"))
    dose_number = models.PositiveSmallIntegerField(_("numéro de dose"), null=True, blank=True)
    lot = models.CharField(_("numéro de lot"), max_length=50, blank=True)

    past_dates = ("given_on",)
    dates_after_birth = ("given_on",)

    class Meta:
        verbose_name = _("vaccination")
        verbose_name_plural = _("vaccinations")
        ordering = ["-given_on", "pk"]

    @property
    def title(self) -> str:
        name = self.vaccine or self.get_target_display()
        return f"{name} ({_day(self.given_on)})"

    def details(self) -> list[tuple[str, str]]:
        return [
            # The title already names the target when the vaccine's name is unknown.
            (_("Contre"), self.get_target_display() if self.vaccine else ""),
            (_("Dose"), str(self.dose_number or "")),
            (_("Lot"), self.lot),
        ]


class FamilyHistory(ProfileEntry):
    class Relative(models.TextChoices):
        MOTHER = "mother", _("Mère")
        FATHER = "father", _("Père")
        SIBLING = "sibling", _("Frère ou sœur")
        GRANDPARENT = "grandparent", _("Grand-parent")
        CHILD = "child", _("Enfant")
        OTHER = "other", _("Autre membre de la famille")

    condition = models.CharField(_("maladie"), max_length=200)
    relative = models.CharField(_("membre de la famille"), max_length=12, choices=Relative.choices)
    diagnosed_on = models.DateField(_("date du diagnostic"), null=True, blank=True)

    past_dates = ("diagnosed_on",)
    dates_after_birth = ()

    class Meta:
        verbose_name = _("antécédent familial")
        verbose_name_plural = _("antécédents familiaux")
        ordering = ["condition", "pk"]

    @property
    def title(self) -> str:
        return f"{self.condition} ({self.get_relative_display().lower()})"

    def details(self) -> list[tuple[str, str]]:
        return [(_("Date du diagnostic"), _day(self.diagnosed_on))]


class AdvanceDirective(ProfileEntry):
    """Directives anticipées (Code de la santé publique, art. L1111-11): at most one per person."""

    class Status(models.TextChoices):
        WRITTEN = "written", _("J'ai rédigé des directives anticipées")
        NONE = "none", _("Je n'en ai pas")

    status = models.CharField(_("mes directives anticipées"), max_length=10, choices=Status.choices)
    written_on = models.DateField(_("rédigées le"), null=True, blank=True)
    text = models.TextField(_("contenu ou lieu où elles sont conservées"), blank=True)

    past_dates = ("written_on",)
    dates_after_birth = ("written_on",)

    class Meta:
        verbose_name = _("directives anticipées")
        verbose_name_plural = _("directives anticipées")
        constraints = [
            models.UniqueConstraint(fields=["person"], name="one_advance_directive_per_person")
        ]

    @property
    def title(self) -> str:
        return self.get_status_display()

    def details(self) -> list[tuple[str, str]]:
        return [(_("Rédigées le"), _day(self.written_on)), (_("Contenu"), self.text)]


class Contact(ProfileEntry):
    class Role(models.TextChoices):
        TRUSTED = "trusted", _("Personne de confiance")
        EMERGENCY = "emergency", _("Contact en cas d'urgence")

    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices)
    name = models.CharField(_("nom et prénom"), max_length=200)
    relation = models.CharField(_("lien avec moi"), max_length=100, blank=True)
    phone = models.CharField(_("téléphone"), max_length=20)
    since = models.DateField(_("désignée le"), null=True, blank=True)

    past_dates = ("since",)
    dates_after_birth = ("since",)

    class Meta:
        verbose_name = _("personne de confiance ou contact d'urgence")
        verbose_name_plural = _("personne de confiance et contacts d'urgence")
        ordering = ["-role", "name", "pk"]

    @property
    def title(self) -> str:
        return f"{self.name} — {self.get_role_display()}"

    def details(self) -> list[tuple[str, str]]:
        return [
            (_("Lien"), self.relation),
            (_("Téléphone"), self.phone),
            (_("Désignée le"), _day(self.since)),
        ]


class TreatingDoctor(ProfileEntry):
    """The médecin traitant: chosen in the directory of professionals or typed freely."""

    professional = models.ForeignKey(
        "professionals.Professional",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("professionnel de l'annuaire"),
    )
    name = models.CharField(_("nom du médecin"), max_length=200, blank=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    since = models.DateField(_("médecin traitant depuis le"), null=True, blank=True)

    past_dates = ("since",)
    dates_after_birth = ("since",)

    class Meta:
        verbose_name = _("médecin traitant")
        verbose_name_plural = _("médecin traitant")
        constraints = [
            models.UniqueConstraint(fields=["person"], name="one_treating_doctor_per_person")
        ]

    @property
    def title(self) -> str:
        if self.professional is not None:
            from ens.access.services import professional_label

            return professional_label(self.professional)
        return self.name

    def details(self) -> list[tuple[str, str]]:
        pro = self.professional
        return [
            (_("RPPS"), pro.rpps if pro else ""),
            (_("Lieu d'exercice"), pro.place_of_practice if pro else ""),
            (_("Téléphone"), self.phone),
            (_("Depuis le"), _day(self.since)),
        ]


class ProfileShare(models.Model):
    """The summary of `person`'s profile shared with a professional, until revoked.

    Issue 6 "Synthèse": the sharing is recorded now; the professional side (reading it)
    comes with the professionals issue.
    """

    person = models.ForeignKey(
        "registry.InsuredPerson", on_delete=models.CASCADE, related_name="profile_shares"
    )
    professional = models.ForeignKey(
        "professionals.Professional", on_delete=models.CASCADE, related_name="profile_shares"
    )
    created_at = models.DateTimeField(_("partagée le"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("retirée le"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("partage de la synthèse")
        verbose_name_plural = _("partages de la synthèse")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "professional"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_share_per_professional",
            )
        ]

    def __str__(self) -> str:
        return f"synthèse de {self.person} partagée avec {self.professional}"

    @property
    def is_active(self) -> bool:
        """Shared and not withdrawn: the professional may read the summary."""
        return self.revoked_at is None
