"""The operator back-office (/operateur/): waves, letters, statistics and space histories."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ens.activation import tasks
from ens.activation.waves import wave_confirm, wave_create

from .access import staff_required
from .forms import HistorySearchForm, OperatorLoginForm, WaveForm
from .models import LetterBatch, NotificationWave, WaveKind
from .selectors import space_history, space_statistics, waves_launched


class OperatorLoginView(LoginView):
    template_name = "operator/login.html"
    authentication_form = OperatorLoginForm
    next_page = "operator:home"
    extra_context = {"title": gettext_lazy("Connexion au back-office")}


@staff_required
def home(request):
    people, states = space_statistics()
    return render(
        request,
        "operator/home.html",
        {
            "title": _("Tableau de bord"),
            "people": people,
            "states": states,
            "waves": waves_launched()[:5],
        },
    )


@staff_required
def wave_list(request):
    return render(
        request,
        "operator/wave_list.html",
        {"title": _("Vagues de notification"), "waves": waves_launched()},
    )


@staff_required
def wave_new(request):
    form = WaveForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        nir_file = None
        if kind == WaveKind.FILE:
            upload = form.cleaned_data["nir_file"]
            nir_file = (upload.name, "\n".join(form.cleaned_data["nirs"]).encode())
        wave = wave_create(
            kind=kind,
            department=form.cleaned_data.get("department", ""),
            nir_file=nir_file,
            launched_by=request.user,
            launched_by_label=request.user.get_username(),
        )
        return redirect("operator:wave_detail", pk=wave.pk)
    days = settings.AUTO_CREATION_DELAY_DAYS
    delay = (
        _("%(weeks)s semaines") % {"weeks": days // 7}
        if days % 7 == 0
        else _("%(days)s jours") % {"days": days}
    )
    return render(
        request,
        "operator/wave_new.html",
        {"title": _("Lancer une vague"), "form": form, "delay": delay},
    )


@staff_required
def wave_detail(request, pk: int):
    wave = get_object_or_404(NotificationWave, pk=pk)
    return render(
        request,
        "operator/wave_detail.html",
        {
            "title": _("Vague %(number)s") % {"number": wave.pk},
            "wave": wave,
            "letter_batches": wave.letters.all(),
        },
    )


@staff_required
@require_POST
def wave_launch(request, pk: int):
    wave = get_object_or_404(NotificationWave, pk=pk, launched_by=request.user)
    if wave_confirm(wave=wave):
        transaction.on_commit(lambda: tasks.notify_wave.delay(wave.pk))
        messages.success(request, _("La vague %(number)s est lancée.") % {"number": wave.pk})
    return redirect("operator:wave_detail", pk=wave.pk)


@staff_required
def letter_download(request, pk: int):
    batch = get_object_or_404(LetterBatch, pk=pk)
    if not batch.pdf:
        raise Http404
    return FileResponse(
        batch.pdf.open("rb"),
        as_attachment=True,
        filename=f"courriers-vague-{batch.wave_id}-lot-{batch.number}.pdf",
        content_type="application/pdf",
    )


@staff_required
def history(request):
    form = HistorySearchForm(request.GET or None)
    found = space_history(nir=form.cleaned_data["nir"]) if form.is_valid() else None
    return render(
        request,
        "operator/history.html",
        {"title": _("Historique d'un espace santé"), "form": form, "found": found},
    )
