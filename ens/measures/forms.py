"""The form of a measurement: its value(s) typed the French way, its date and time."""

from datetime import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from ens.lib.forms import BaseForm
from ens.medical_profile.measures import Measure, format_french_decimal

from .kinds import GlucoseContext, KindSpec
from .models import Measurement

REQUIRED = _("Le champ est obligatoire.")


def _value_field(label: str, measure: Measure) -> forms.CharField:
    # A text input, not type=number: browsers refuse "72,5" in a number field.
    return forms.CharField(
        label=f"{label} ({measure.unit})",
        help_text=_t("Entre %(min)s et %(max)s %(unit)s, par exemple %(example)s.")
        % {
            "min": format_french_decimal(measure.minimum, measure.bound_places),
            "max": format_french_decimal(measure.maximum, measure.bound_places),
            "unit": measure.unit,
            "example": measure.example,
        },
        error_messages={"required": REQUIRED},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class MeasurementForm(BaseForm):
    """Value(s) of one kind, date and time (defaulting to now); the service checks the rest."""

    measured_on = forms.DateField(
        label=_("Date de la mesure"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": REQUIRED, "invalid": _("Saisissez une date valide.")},
    )
    measured_time = forms.TimeField(
        label=_("Heure de la mesure"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": REQUIRED, "invalid": _("Saisissez une heure valide.")},
    )

    def __init__(self, *args, spec: KindSpec, instance: Measurement | None = None, **kwargs):
        self.spec = spec
        if instance is not None:
            kwargs["initial"] = self.initial_of(spec, instance)
        else:
            now = timezone.localtime()
            kwargs.setdefault("initial", {"measured_on": now.date(), "measured_time": now})
        super().__init__(*args, **kwargs)
        value = _value_field(str(spec.value_label), spec.measure)
        fields = {"value": value}
        if spec.diastolic is not None:
            fields["diastolic"] = _value_field(_t("Pression diastolique"), spec.diastolic)
        if spec.needs_context:
            fields["context"] = forms.ChoiceField(
                label=_("Moment de la mesure"),
                choices=GlucoseContext.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Indiquez si la mesure a été prise à jeun ou après un repas.")
                },
            )
        # The values first, then the date and time.
        self.fields = {**fields, **self.fields}
        for name in fields:
            self.fields[name].widget.group_class = "fr-input-group"
        if spec.needs_context:
            self.fields["context"].widget.group_class = "fr-fieldset"

    @staticmethod
    def initial_of(spec: KindSpec, measurement: Measurement) -> dict:
        when = timezone.localtime(measurement.measured_at)
        initial = {
            "value": format_french_decimal(measurement.value, spec.measure.places),
            "measured_on": when.date(),
            "measured_time": when.time(),
            "context": measurement.context,
        }
        if spec.diastolic is not None:
            initial["diastolic"] = format_french_decimal(
                measurement.diastolic, spec.diastolic.places
            )
        return initial

    def clean_value(self) -> Decimal:
        return self.spec.measure.clean(self.cleaned_data["value"])

    def clean_diastolic(self) -> Decimal:
        return self.spec.diastolic.clean(self.cleaned_data["diastolic"])

    def clean(self) -> dict:
        cleaned = super().clean()
        day, time = cleaned.get("measured_on"), cleaned.get("measured_time")
        if day is not None and time is not None:
            cleaned["measured_at"] = timezone.make_aware(datetime.combine(day, time))
        return cleaned

    def service_arguments(self) -> dict:
        """The keyword arguments of measurement_create / measurement_update."""
        data = self.cleaned_data
        return {
            "value": data["value"],
            "diastolic": data.get("diastolic"),
            "context": data.get("context", ""),
            "measured_at": data["measured_at"],
        }
