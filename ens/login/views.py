"""Pages of the login, of the recovery of an identifier or a password, of logout and of the
open sessions (design §4, seeds 001, 003, 004)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from ens.space.decorators import space_view

from . import selectors, services
from .forms import ChannelForm, CodeForm, LoginForm, NewPasswordForm, RecoveryForm
from .models import LoginChallenge, Purpose
from .sessions import client_of, log_user_in, log_user_out

NEXT_KEY = "login:next"


@dataclass(frozen=True)
class Flow:
    """One of the three ways to a one-time code: login, forgotten identifier or password."""

    purpose: str
    start: str  # url names
    channel: str
    code: str
    resend: str
    title: Promise
    steps: int


FLOWS = {
    Purpose.LOGIN: Flow(
        Purpose.LOGIN,
        "login:start",
        "login:channel",
        "login:code",
        "login:resend",
        gettext_lazy("Connexion"),
        3,
    ),
    Purpose.IDENTIFIER: Flow(
        Purpose.IDENTIFIER,
        "login:identifier_forgot",
        "login:identifier_channel",
        "login:identifier_code",
        "login:identifier_resend",
        gettext_lazy("J'ai oublié mon identifiant"),
        3,
    ),
    Purpose.PASSWORD: Flow(
        Purpose.PASSWORD,
        "login:password_forgot",
        "login:password_channel",
        "login:password_code",
        "login:password_resend",
        gettext_lazy("J'ai oublié mon mot de passe"),
        4,
    ),
}


def _session_key(purpose: str) -> str:
    return f"login:{purpose}"


def _remember(request: HttpRequest, challenge: LoginChallenge) -> None:
    request.session[_session_key(challenge.purpose)] = str(challenge.public_id)


def _challenge(request: HttpRequest, purpose: str) -> LoginChallenge | None:
    return selectors.challenge_get(
        public_id=request.session.get(_session_key(purpose)), purpose=purpose
    )


def _restart(request: HttpRequest, flow: Flow, message: str) -> HttpResponse:
    request.session.pop(_session_key(flow.purpose), None)
    messages.warning(request, message)
    return redirect(flow.start)


def _next_url(request: HttpRequest, user) -> str:
    wanted = request.session.pop(NEXT_KEY, "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    if user.person_id is None and user.professional_id is not None:
        return "/pro/"
    return reverse("space:home")


def _throttled(request: HttpRequest, form, error: services.Throttled) -> None:
    form.add_error(None, error.verdict.message)


# --- Login ---


def login_start(request: HttpRequest) -> HttpResponse:
    """Seed 003, "1 Je m'identifie". The same answer for an unknown identifier and a wrong
    password (design §4)."""
    if request.user.is_authenticated:
        return redirect(_next_url(request, request.user))
    if request.method == "GET" and "next" in request.GET:
        request.session[NEXT_KEY] = request.GET["next"]
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            challenge = services.login_password_check(
                identifier=form.cleaned_data["identifier"],
                password=form.cleaned_data["password"],
                client=client_of(request),
            )
        except services.Throttled as error:
            _throttled(request, form, error)
        else:
            if challenge is None:
                form.add_error(
                    None,
                    _(
                        "Identifiant ou mot de passe incorrect. Vérifiez votre saisie, ou "
                        "utilisez « Identifiant oublié ? » ou « Mot de passe oublié ? »."
                    ),
                )
            else:
                _remember(request, challenge)
                return redirect("login:channel")
    return render(
        request, "login/start.html", {"title": _("Je m'identifie"), "form": form, "step": 1}
    )


def channel(request: HttpRequest, purpose: str) -> HttpResponse:
    """Seed 003, "2 Je choisis le mode de réception de mon code d'accès"."""
    flow = FLOWS[purpose]
    challenge = _challenge(request, purpose)
    if challenge is None or challenge.used_at is not None:
        return redirect(flow.start)
    masked = selectors.masked_contacts(user=challenge.user)
    form = ChannelForm(request.POST or None, masked=masked)
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_send_code(
                challenge=challenge,
                channel=form.cleaned_data["channel"],
                client=client_of(request),
            )
        except services.CodeRefused:
            return _restart(request, flow, _too_late_message())
        return redirect(flow.code)
    context = {
        "title": _("Je choisis le mode de réception de mon code d'accès"),
        "flow": flow,
        "form": form,
        "has_contact": bool(masked),
        "step": 2,
    }
    return render(request, "login/channel.html", context)


def _too_late_message() -> str:
    return _(
        "Cette tentative est terminée (délai dépassé, code déjà utilisé, ou trop de codes "
        "demandés). Recommencez depuis le début."
    )


def code(request: HttpRequest, purpose: str) -> HttpResponse:
    """Seed 003, "3 Je saisis le code d'accès": the code is checked against this browser's
    attempt only."""
    flow = FLOWS[purpose]
    challenge = _challenge(request, purpose)
    if challenge is None or not challenge.code_hash:
        return redirect(flow.start)
    if challenge.used_at is not None:
        return _after_code(request, flow, challenge)
    form = CodeForm(request.POST or None)
    expired = False
    if request.method == "POST" and form.is_valid():
        try:
            result = services.challenge_check_code(
                challenge=challenge, code=form.cleaned_data["code"], client=client_of(request)
            )
        except services.Throttled as error:
            form.add_error("code", error.verdict.message)
        else:
            if result is services.CodeCheck.ACCEPTED:
                challenge.refresh_from_db()
                return _after_code(request, flow, challenge)
            if result is services.CodeCheck.DEAD:
                return _restart(
                    request,
                    flow,
                    _(
                        "Ce code n'est plus valable : il a déjà servi ou a été mal saisi "
                        "trop de fois. Recommencez pour recevoir un nouveau code."
                    ),
                )
            if result is services.CodeCheck.EXPIRED:
                expired = True
                form.add_error(
                    "code",
                    _("Ce code a expiré. Demandez un nouveau code avec « Renvoyer un code »."),
                )
            else:
                challenge.refresh_from_db()
                left = settings.LOGIN_CODE_MAX_TRIES - challenge.tries
                form.add_error(
                    "code",
                    ngettext(
                        "Code incorrect. Il vous reste %(left)d essai.",
                        "Code incorrect. Il vous reste %(left)d essais.",
                        left,
                    )
                    % {"left": left},
                )
    context = {
        "title": _("Je saisis le code d'accès")
        if purpose == Purpose.LOGIN
        else _("Je saisis le code reçu"),
        "flow": flow,
        "form": form,
        "destination": selectors.masked_destination(challenge),
        "is_email": challenge.channel == "email",
        "valid_minutes": settings.LOGIN_CODE_TTL_MINUTES,
        "can_resend": challenge.sends < settings.LOGIN_CODE_MAX_SENDS,
        "expired": expired,
        "step": 3,
    }
    return render(request, "login/code.html", context)


def _after_code(request: HttpRequest, flow: Flow, challenge: LoginChallenge) -> HttpResponse:
    if flow.purpose == Purpose.LOGIN:
        request.session.pop(_session_key(flow.purpose), None)
        next_url = _next_url(request, challenge.user)
        log_user_in(request, challenge.user)
        return redirect(next_url)
    if flow.purpose == Purpose.IDENTIFIER:
        services.identifier_send(
            challenge=challenge,
            login_url=request.build_absolute_uri(reverse("login:start")),
            client=client_of(request),
        )
        return redirect("login:identifier_sent")
    return redirect("login:password_new")


@require_POST
def resend(request: HttpRequest, purpose: str) -> HttpResponse:
    """ "Renvoyer un code": a new code on the same channel; limited per attempt."""
    flow = FLOWS[purpose]
    challenge = _challenge(request, purpose)
    if challenge is None or not challenge.channel:
        return redirect(flow.start)
    try:
        services.challenge_send_code(
            challenge=challenge, channel=challenge.channel, client=client_of(request)
        )
    except services.CodeRefused:
        return _restart(request, flow, _too_late_message())
    messages.success(request, _("Un nouveau code vous a été envoyé."))
    return redirect(flow.code)


# --- Recovery ---


def _recovery_start(request: HttpRequest, purpose: str) -> HttpResponse:
    flow = FLOWS[purpose]
    form = RecoveryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            challenge = services.recovery_start(
                purpose=purpose,
                nir=data["nir"],
                birth_date=data["birth_date"],
                has_photo=form.has_photo,
                serial=data["vitale_serial"],
                client=client_of(request),
            )
        except services.Throttled as error:
            _throttled(request, form, error)
        else:
            if challenge is None:
                form.add_error(
                    None,
                    _(
                        "Les informations saisies ne permettent pas de retrouver un compte "
                        "Mon espace santé activé. Vérifiez votre numéro de sécurité sociale, "
                        "votre date de naissance et votre carte Vitale."
                    ),
                )
            else:
                _remember(request, challenge)
                return redirect(flow.channel)
    context = {"title": flow.title, "flow": flow, "form": form, "step": 1}
    return render(request, "login/recovery_start.html", context)


def identifier_forgot(request: HttpRequest) -> HttpResponse:
    """Seed 004, "J'ai oublié mon identifiant"."""
    return _recovery_start(request, Purpose.IDENTIFIER)


def password_forgot(request: HttpRequest) -> HttpResponse:
    """Seed 004, "J'ai oublié mon mot de passe"."""
    return _recovery_start(request, Purpose.PASSWORD)


def identifier_sent(request: HttpRequest) -> HttpResponse:
    """Seed 004, "Mon identifiant est envoyé !"."""
    challenge = _challenge(request, Purpose.IDENTIFIER)
    if challenge is None or challenge.completed_at is None:
        return redirect("login:identifier_forgot")
    request.session.pop(_session_key(Purpose.IDENTIFIER), None)
    context = {
        "title": _("Mon identifiant est envoyé !"),
        "destination": selectors.masked_destination(challenge),
        "is_email": challenge.channel == "email",
    }
    return render(request, "login/identifier_sent.html", context)


def password_new(request: HttpRequest) -> HttpResponse:
    """Seed 004, "Je choisis mon nouveau mot de passe": the rules and live checklist of
    activation."""
    flow = FLOWS[Purpose.PASSWORD]
    challenge = _challenge(request, Purpose.PASSWORD)
    if challenge is None or not services.recovery_may_set_password(challenge):
        return redirect(flow.start)
    user = challenge.user
    form = NewPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_recover(
                challenge=challenge,
                password=form.cleaned_data["password"],
                client=client_of(request),
            )
        except services.CodeRefused:
            return _restart(request, flow, _too_late_message())
        request.session.pop(_session_key(Purpose.PASSWORD), None)
        request.session["login:password_changed"] = True
        return redirect("login:password_changed")
    context = {
        "title": _("Je choisis mon nouveau mot de passe"),
        "flow": flow,
        "form": form,
        "checklist": form.checklist(),
        "step": 4,
    }
    return render(request, "login/password_new.html", context)


def password_changed(request: HttpRequest) -> HttpResponse:
    """Seed 004, "Mon mot de passe est modifié !"."""
    if not request.session.pop("login:password_changed", False):
        return redirect("login:start")
    return render(
        request, "login/password_changed.html", {"title": _("Mon mot de passe est modifié !")}
    )


# --- Logout and sessions ---


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """ "Se déconnecter" (seed 001): a POST that ends the session on the server."""
    log_user_out(request)
    return redirect("login:logged_out")


def logged_out(request: HttpRequest) -> HttpResponse:
    return render(request, "login/logged_out.html", {"title": _("Vous êtes déconnecté")})


EXPIRY_REASONS = {
    "inactivite": gettext_lazy(
        "Pour protéger vos données, votre session a été fermée après %(minutes)d minutes "
        "sans activité."
    ),
    "duree": gettext_lazy(
        "Pour protéger vos données, une session dure au plus %(hours)d heures : la vôtre a "
        "été fermée."
    ),
}


def session_expired(request: HttpRequest) -> HttpResponse:
    """The page an expired session lands on (design §4), with a way back in."""
    reason = EXPIRY_REASONS.get(request.GET.get("motif", ""), EXPIRY_REASONS["inactivite"])
    login_url = reverse("login:start")
    wanted = request.GET.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        login_url = f"{login_url}?next={wanted}"
    context = {
        "title": _("Votre session a expiré"),
        "reason": reason
        % {
            "minutes": settings.SESSION_IDLE_TIMEOUT_MINUTES,
            "hours": settings.SESSION_ABSOLUTE_TIMEOUT_HOURS,
        },
        "login_url": login_url,
    }
    return render(request, "login/session_expired.html", context)


@space_view
def settings_page(request: HttpRequest) -> HttpResponse:
    """ "Paramètres": the open sessions (device, place, time), each of which can be ended
    (design §4, ASVS 5.0 V7.5.2)."""
    current = request.session.session_key
    rows = [
        {
            "session": s,
            "device": selectors.device_label(s.user_agent),
            "is_current": s.session_key == current,
        }
        for s in selectors.open_sessions(user=request.user)
    ]
    return render(request, "login/settings.html", {"title": _("Paramètres"), "sessions": rows})


@require_POST
@space_view
def session_end(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.open_session_get(user=request.user, pk=pk)
    if session.session_key == request.session.session_key:
        log_user_out(request)
        return redirect("login:logged_out")
    services.user_session_end(session=session, client=client_of(request))
    messages.success(request, _("La session a été fermée."))
    return redirect("login:settings")


@require_POST
@space_view
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    services.user_sessions_end_all(
        user=request.user, keep_session_key=request.session.session_key, client=client_of(request)
    )
    messages.success(request, _("Vos autres sessions ont été fermées."))
    return redirect("login:settings")
