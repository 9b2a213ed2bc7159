"""Pages of "Mesures de santé": parse, call one service or selector, render.

Every page works on the profile open in the space (`request.space_profile`: the person or
one of their minor children); the selectors and services look measurements up within that
profile only, so a measurement of anyone else is a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ens.space.decorators import space_view

from . import chart
from .forms import MeasurementForm
from .kinds import Kind, KindSpec
from .selectors import (
    Point,
    kinds_offered,
    kinds_shown,
    latest_measurements,
    measurement_get,
    measurement_history,
)
from .services import measurement_create, measurement_delete, measurement_update

SERIES_COLORS = (("ens-chart__line--1", "#000091"), ("ens-chart__line--2", "#ce0500"))


def _title(form: MeasurementForm, title: str) -> str:
    return f"{_('Erreur')} : {title}" if form.is_bound and form.errors else title


def _spec(request: HttpRequest, slug: str, *, for_adding: bool = False) -> KindSpec:
    """The kind of `slug` if the open profile has it (head circumference: under 3)."""
    person = request.space_profile
    specs = kinds_offered(person=person) if for_adding else kinds_shown(person=person)
    for spec in specs:
        if spec.slug == slug:
            return spec
    raise Http404


def _save(form: MeasurementForm, save) -> bool:
    """Run the service `save` if the form is valid; its refusals go next to their fields."""
    if not form.is_valid():
        return False
    try:
        save(**form.service_arguments())
    except ValidationError as error:
        form.add_error(None, error)
        # Focus the first field the service refused (BaseForm does it for the form's own).
        for name in form.fields:
            if name in form.errors:
                form.fields[name].widget.attrs["autofocus"] = ""
                break
        return False
    return True


@space_view
def measure_list(request: HttpRequest) -> HttpResponse:
    person = request.space_profile
    latest = latest_measurements(person, viewer=request.user, request=request)
    rows = [(spec, latest.get(spec.kind.value)) for spec in kinds_shown(person=person)]
    context = {"title": _("Mesures de santé"), "rows": rows, "bmi": latest.get("bmi")}
    return render(request, "measures/list.html", context)


def _chart(spec: KindSpec, history: list[Point]):
    if spec.diastolic is not None:
        lines = [
            (_("Systolique"), [(p.measured_at, p.value) for p in history]),
            (_("Diastolique"), [(p.measured_at, p.diastolic) for p in history]),
        ]
    else:
        lines = [(spec.label, [(p.measured_at, p.value) for p in history])]
    series = [
        chart.Series(label, points, css_class=css, color=color)
        for (label, points), (css, color) in zip(lines, SERIES_COLORS, strict=False)
    ]
    return chart.chart_svg(
        series=series,
        title=_("Évolution : %(kind)s") % {"kind": spec.label.lower()},
        unit=spec.unit,
        places=spec.measure.places,
        chart_id=f"chart-{spec.slug}",
    )


@space_view
def measure_kind(request: HttpRequest, slug: str) -> HttpResponse:
    person = request.space_profile
    spec = _spec(request, slug)
    can_add = spec in kinds_offered(person=person)
    form = MeasurementForm(request.POST or None, spec=spec)
    if request.method == "POST":
        if not can_add:
            raise Http404

        def save(**values):
            return measurement_create(
                person=person, actor=request.user, kind=spec.kind, request=request, **values
            )

        if _save(form, save):
            messages.success(request, _("La mesure a été ajoutée."))
            return redirect("measures:kind", slug=spec.slug)
    history = measurement_history(
        viewer=request.user, person=person, kind=spec.kind, request=request
    )
    context = {
        "title": _title(form, spec.label),
        "spec": spec,
        "history": list(reversed(history)),
        "chart": _chart(spec, history),
        "form": form,
        "can_add": can_add,
        "glucose": spec.kind == Kind.GLUCOSE,
    }
    return render(request, "measures/kind.html", context)


@space_view
def measure_edit(request: HttpRequest, slug: str, measurement_id: int) -> HttpResponse:
    person = request.space_profile
    spec = _spec(request, slug)
    measurement = measurement_get(
        viewer=request.user,
        person=person,
        kind=spec.kind,
        measurement_id=measurement_id,
        request=request,
    )
    form = MeasurementForm(request.POST or None, spec=spec, instance=measurement)
    if request.method == "POST":

        def save(**values):
            return measurement_update(
                person=person,
                actor=request.user,
                kind=spec.kind,
                measurement_id=measurement.pk,
                request=request,
                **values,
            )

        if _save(form, save):
            messages.success(request, _("La mesure a été modifiée."))
            return redirect("measures:kind", slug=spec.slug)
    context = {
        "title": _title(form, _("Modifier une mesure : %(kind)s") % {"kind": spec.label.lower()}),
        "spec": spec,
        "measurement": measurement,
        "form": form,
    }
    return render(request, "measures/edit.html", context)


@space_view
def measure_delete(request: HttpRequest, slug: str, measurement_id: int) -> HttpResponse:
    person = request.space_profile
    spec = _spec(request, slug)
    if request.method == "POST":
        measurement_delete(
            person=person,
            actor=request.user,
            kind=spec.kind,
            measurement_id=measurement_id,
            request=request,
        )
        messages.success(request, _("La mesure a été supprimée."))
        return redirect("measures:kind", slug=spec.slug)
    measurement = measurement_get(
        viewer=request.user,
        person=person,
        kind=spec.kind,
        measurement_id=measurement_id,
        request=request,
    )
    point = Point(
        kind=measurement.kind,
        measured_at=measurement.measured_at,
        value=measurement.value,
        diastolic=measurement.diastolic,
        context=measurement.context,
        measurement_id=measurement.pk,
    )
    context = {
        "title": _("Supprimer une mesure : %(kind)s") % {"kind": spec.label.lower()},
        "spec": spec,
        "point": point,
    }
    return render(request, "measures/delete.html", context)
