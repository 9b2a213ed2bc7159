"""The last activation steps, after "J'active Mon espace santé" (seed 001, design §3):
"Je vérifie mes coordonnées de contact" → "Je choisis mon identifiant et mon mot de passe" →
"Mon espace santé a bien été activé !".

They run on the identification the earlier steps (views.py) leave in the session under
``activation``: ``person_id``, ``identified_at``, ``decision`` = "activate" and
``cgu_accepted_at``. These pages add to it:

- ``contacts``: the e-mail address and mobile number to keep, registry's ones at first;
- ``pending_contact``: a change waiting for its code (ens.accounts.contacts.pending_change);
- ``contact_codes_sent``: how many codes this activation sent;
- ``contacts_checked``: "Continuer" was pressed on the contacts page.

Once the account exists the whole ``activation`` entry is dropped and ``activation_done``
keeps only whether a welcome e-mail left, for the success page and for a replay (back button, second
submission) to land on a clear page rather than an error.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ens.accounts.contacts import (
    CONTACT_CODE_MAX_SENDS,
    CONTACT_CODE_MAX_TRIES,
    CONTACT_CODE_VALID_MINUTES,
    CodeCheck,
    format_mobile,
    pending_change_check,
    tries_left,
)
from ens.accounts.services import (
    AlreadyActivated,
    IdentifierTaken,
    account_activate,
    contact_change_request,
)
from ens.registry.models import InsuredPerson

from .forms_credentials import (
    IDENTIFIER_TAKEN,
    ContactCodeForm,
    CredentialsForm,
    EmailChangeForm,
    MobileChangeForm,
)
from .models import HealthSpace, SpaceState

STATE = "activation"
DONE = "activation_done"
LOGIN_URL = "/connexion/"
START_URL = "/activation/"
KINDS = {"email": EmailChangeForm, "mobile": MobileChangeForm}

View = Callable[..., HttpResponse]


def _state_is_fresh(state: dict) -> bool:
    try:
        identified_at = datetime.fromisoformat(state["identified_at"])
    except (KeyError, TypeError, ValueError):
        return False
    if timezone.is_naive(identified_at):
        return False
    max_age = timedelta(minutes=settings.ACTIVATION_STEPS_MAX_AGE_MINUTES)
    return timezone.now() - identified_at <= max_age


def _person_of(state: dict) -> InsuredPerson | None:
    """The person who decided to activate their own space, if the state says so.

    A child's profile is activated by its parent on the decision page, never here: a state
    that names another subject or a representing parent is not ours.
    """
    person_id = state.get("person_id")
    if state.get("decision") != "activate" or not state.get("cgu_accepted_at"):
        return None
    if state.get("parent_id") or state.get("subject_id", person_id) != person_id:
        return None
    return InsuredPerson.objects.filter(pk=person_id).first()


def _is_activated(person: InsuredPerson) -> bool:
    space = HealthSpace.objects.filter(person=person).only("state").first()
    has_account = hasattr(person, "account")
    return has_account or (space is not None and space.state == SpaceState.ACTIVE)


def activation_step(view: View) -> View:
    """Give `view` the person and the session state, or send the visitor where they belong:
    the success page after a finished activation (replay), a clear page when there is no
    recent identification, the "already activated" page for an active space."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        state = request.session.get(STATE)
        if request.session.get(DONE) and not (state and state.get("decision")):
            messages.info(
                request, _("Mon espace santé a déjà été activé : vous pouvez vous connecter.")
            )
            return redirect("activation_credentials:done")
        person = _person_of(state) if state else None
        if person is None or not _state_is_fresh(state):
            request.session.pop(STATE, None)
            return redirect("activation_credentials:session_expired")
        if _is_activated(person):
            request.session.pop(STATE, None)
            return _already_activated(request)
        state.setdefault("contacts", {"email": person.email, "mobile": person.mobile})
        response = view(request, person, state, *args, **kwargs)
        if STATE in request.session:
            request.session.modified = True
        return response

    return never_cache(wrapper)


def _already_activated(request: HttpRequest) -> HttpResponse:
    context = {"title": _("Mon espace santé est déjà activé"), "login_url": LOGIN_URL}
    return render(request, "activation/credentials_already_active.html", context)


def _contact_rows(contacts: dict) -> list[dict]:
    email, mobile = contacts.get("email", ""), contacts.get("mobile", "")
    return [
        {
            "kind": "email",
            "label": _("Adresse e-mail"),
            "value": email,
            "missing": _("Aucune adresse e-mail"),
            "action": _("Modifier l'adresse e-mail") if email else _("Ajouter une adresse e-mail"),
        },
        {
            "kind": "mobile",
            "label": _("Numéro de téléphone mobile"),
            "value": format_mobile(mobile) if mobile else "",
            "missing": _("Aucun numéro de mobile"),
            "action": (
                _("Modifier le numéro de mobile") if mobile else _("Ajouter un numéro de mobile")
            ),
        },
    ]


@activation_step
@require_http_methods(["GET", "POST"])
def contacts(request: HttpRequest, person: InsuredPerson, state: dict) -> HttpResponse:
    """Seed 001, "Je vérifie mes coordonnées de contact": e-mail and mobile, each with a link to
    change it. One of them at least is needed: the login codes go there (design §4)."""
    error = None
    if request.method == "POST":
        if state["contacts"].get("email") or state["contacts"].get("mobile"):
            state["contacts_checked"] = True
            return redirect("activation_credentials:credentials")
        error = _(
            "Ajoutez au moins une adresse e-mail ou un numéro de mobile : vous y recevrez le "
            "code d'accès à usage unique demandé à chaque connexion."
        )
    context = {
        "title": _("Je vérifie mes coordonnées de contact"),
        "rows": _contact_rows(state["contacts"]),
        "error": error,
    }
    return render(request, "activation/credentials_contacts.html", context)


def _change_texts(kind: str) -> dict:
    if kind == "email":
        return {
            "title": _("Je modifie mon adresse e-mail"),
            "intro": _(
                "Saisissez votre nouvelle adresse e-mail. Nous y enverrons un code de "
                "vérification à 6 chiffres pour nous assurer qu'elle est bien la vôtre."
            ),
        }
    return {
        "title": _("Je modifie mon numéro de mobile"),
        "intro": _(
            "Saisissez votre nouveau numéro de mobile. Nous y enverrons par SMS un code de "
            "vérification à 6 chiffres pour nous assurer qu'il est bien le vôtre."
        ),
    }


@activation_step
@require_http_methods(["GET", "POST"])
def contact_change(
    request: HttpRequest, person: InsuredPerson, state: dict, kind: str
) -> HttpResponse:
    """A new e-mail address or mobile number, confirmed by a code sent to it (issue 4)."""
    form_class = KINDS[kind]
    current = state["contacts"].get(kind, "")
    form = form_class(request.POST or None, current=current)
    too_many = state.get("contact_codes_sent", 0) >= CONTACT_CODE_MAX_SENDS
    if request.method == "POST" and not too_many and form.is_valid():
        state["pending_contact"] = contact_change_request(
            kind=kind, value=form.cleaned_data["value"]
        )
        state["contact_codes_sent"] = state.get("contact_codes_sent", 0) + 1
        return redirect(f"activation_credentials:confirm_{kind}")
    context = {
        **_change_texts(kind),
        "kind": kind,
        "form": form,
        "too_many": too_many,
        "max_sends": CONTACT_CODE_MAX_SENDS,
    }
    return render(request, "activation/credentials_contact_change.html", context)


@activation_step
@require_http_methods(["GET", "POST"])
def contact_confirm(
    request: HttpRequest, person: InsuredPerson, state: dict, kind: str
) -> HttpResponse:
    """The code sent to the new address: valid 15 minutes, once, 5 wrong tries at most."""
    pending = state.get("pending_contact")
    if not pending or pending["kind"] != kind:
        return redirect("activation_credentials:contacts")
    form = ContactCodeForm(request.POST or None)
    expired = False
    if request.method == "POST" and form.is_valid():
        result = pending_change_check(pending, form.cleaned_data["code"])
        if result is CodeCheck.ACCEPTED:
            state["contacts"][kind] = pending["value"]
            state.pop("pending_contact")
            messages.success(
                request,
                _("Votre adresse e-mail a bien été modifiée.")
                if kind == "email"
                else _("Votre numéro de mobile a bien été modifié."),
            )
            return redirect("activation_credentials:contacts")
        if result is CodeCheck.EXHAUSTED:
            state.pop("pending_contact")
            messages.error(
                request,
                _(
                    "Vous avez saisi %(n)d codes incorrects : ce code ne fonctionne plus. "
                    "Demandez un nouveau code."
                )
                % {"n": CONTACT_CODE_MAX_TRIES},
            )
            return redirect(f"activation_credentials:change_{kind}")
        if result is CodeCheck.EXPIRED:
            expired = True
            form.add_error(
                "code",
                _(
                    "Ce code a expiré : il n'était valable que %(minutes)d minutes. "
                    "Demandez un nouveau code."
                )
                % {"minutes": CONTACT_CODE_VALID_MINUTES},
            )
        else:
            left = tries_left(pending)
            form.add_error(
                "code",
                ngettext(
                    "Le code saisi est incorrect. Il vous reste %(n)d essai.",
                    "Le code saisi est incorrect. Il vous reste %(n)d essais.",
                    left,
                )
                % {"n": left},
            )
    shown = pending["value"] if kind == "email" else format_mobile(pending["value"])
    context = {
        "title": _("Je saisis le code de vérification"),
        "kind": kind,
        "form": form,
        "address": shown,
        "valid_minutes": CONTACT_CODE_VALID_MINUTES,
        "expired": expired,
    }
    return render(
        request,
        "activation/credentials_contact_code.html",
        context,
    )


@activation_step
@require_http_methods(["GET", "POST"])
def credentials(request: HttpRequest, person: InsuredPerson, state: dict) -> HttpResponse:
    """Seed 001, "Je choisis mon identifiant et mon mot de passe" (design §3 rules)."""
    if not state.get("contacts_checked"):
        return redirect("activation_credentials:contacts")
    form = CredentialsForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            account_activate(
                person=person,
                identifier=form.cleaned_data["identifier"],
                password=form.cleaned_data["password"],
                email=state["contacts"].get("email", ""),
                mobile=state["contacts"].get("mobile", ""),
                login_url=request.build_absolute_uri(LOGIN_URL),
            )
        except IdentifierTaken:
            form.add_error("identifier", IDENTIFIER_TAKEN)
        except AlreadyActivated:
            request.session.pop(STATE, None)
            return _already_activated(request)
        else:
            # The decision is spent; the identification stays (for its remaining minutes) so
            # that a parent can go on to manage their children's profiles (seed 003).
            request.session[STATE] = {
                key: state[key] for key in ("person_id", "identified_at") if key in state
            }
            request.session[DONE] = {
                "welcome_email": bool(state["contacts"].get("email")),
                "has_children": person.child_links.exists(),
            }
            return redirect("activation_credentials:done")
    context = {
        "title": _("Je choisis mon identifiant et mon mot de passe"),
        "form": form,
        "checklist": form.checklist(),
    }
    return render(request, "activation/credentials_choose.html", context)


@never_cache
def done(request: HttpRequest) -> HttpResponse:
    """Seed 003, "Mon espace santé a bien été activé !" with "Se connecter à Mon espace santé"."""
    if not request.session.get(DONE):
        return redirect("activation_credentials:session_expired")
    context = {
        "title": _("Mon espace santé a bien été activé !"),
        "login_url": LOGIN_URL,
        "welcome_email": request.session[DONE].get("welcome_email", False),
        "has_children": request.session[DONE].get("has_children", False),
    }
    return render(request, "activation/credentials_done.html", context)


@never_cache
def session_expired(request: HttpRequest) -> HttpResponse:
    """No recent identification: say why, and how to start again."""
    context = {
        "title": _("Votre démarche d'activation n'est plus valable"),
        "start_url": START_URL,
        "login_url": LOGIN_URL,
        "max_minutes": settings.ACTIVATION_STEPS_MAX_AGE_MINUTES,
    }
    return render(request, "activation/credentials_session_expired.html", context)
