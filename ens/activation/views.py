"""Activation and opposition pages (seeds 001 and 003, design §3), up to the decision.

The steps are chained through the session: each page requires the state the previous one
left, and a visitor without it is sent back to the start. Session keys:

- ``activation_proof``: NIR, birth date and carte Vitale matched (new code, step 1);
- ``activation_sent``: a new code was sent (new code, step 2);
- ``activation_pending``: provisional code and NIR matched (Je m'identifie, step 1);
- ``activation``: identified; the hand-over to the credentials steps (views_credentials)
  holds ``person_id``, ``identified_at``, ``decision`` and ``cgu_accepted_at``.
"""

import hmac
import secrets
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ens.lib.ratelimit import (
    RateLimit,
    client_address,
    ratelimit_hit,
    ratelimit_hit_all,
    ratelimit_peek_all,
)
from ens.registry.models import InsuredPerson

from . import selectors, services
from .forms import (
    ACTIVATE,
    OPPOSE,
    ChannelForm,
    CodeEntryForm,
    DecisionForm,
    IdentifyCardForm,
    IdentifyForm,
    NewCodeForm,
    OppositionConfirmForm,
    ProfileForm,
)
from .models import ALLOWED_TRANSITIONS, SpaceState

# Attempts at proving an identity, per NIR and per client address (issue 4, security).
PROOF_PER_NIR = RateLimit("activation-proof-nir", limit=5, window=15 * 60)
PROOF_PER_ADDRESS = RateLimit("activation-proof-address", limit=30, window=15 * 60)
# Failed identifications (wrong code, wrong card), per NIR and per client address.
IDENTIFY_PER_NIR = RateLimit("activation-identify-nir", limit=5, window=15 * 60)
IDENTIFY_PER_ADDRESS = RateLimit("activation-identify-address", limit=30, window=15 * 60)
# Codes sent to one person.
SEND_PER_PERSON = RateLimit("activation-send-person", limit=3, window=60 * 60)

STEP_TTL = timedelta(minutes=15)
IDENTIFICATION_TTL = timedelta(minutes=30)

PROOF = "activation_proof"
SENT = "activation_sent"
PENDING = "activation_pending"
IDENTIFIED = "activation"


# --- Session state --------------------------------------------------------------------------


def _fresh(state: dict | None, key: str, ttl: timedelta) -> dict | None:
    if not state or key not in state:
        return None
    if timezone.now() - datetime.fromisoformat(state[key]) > ttl:
        return None
    return state


def _step(request: HttpRequest, name: str) -> dict | None:
    state = _fresh(request.session.get(name), "at", STEP_TTL)
    if state is None:
        request.session.pop(name, None)
    return state


def _identity_of(state: dict) -> selectors.Identity | None:
    return selectors.identity_from_ids(state["person_id"], state.get("parent_id"))


def _identity_state(identity: selectors.Identity, **extra) -> dict:
    """What a session step keeps of an identity: the inverse of _identity_of."""
    parent_id = identity.parent.pk if identity.parent else None
    return {"person_id": identity.person.pk, "parent_id": parent_id, **extra}


def _identified(request: HttpRequest) -> tuple[dict, selectors.Identity] | None:
    """The identification kept in the session, if recent enough."""
    state = _fresh(request.session.get(IDENTIFIED), "identified_at", IDENTIFICATION_TTL)
    identity = _identity_of(state) if state else None
    if identity is None:
        request.session.pop(IDENTIFIED, None)
        return None
    return state, identity


def _save_identified(request: HttpRequest, state: dict) -> None:
    request.session[IDENTIFIED] = state
    request.session.modified = True


def _identify(request: HttpRequest, identity: selectors.Identity) -> HttpResponse:
    """Open the identified session: a new session key, so a planted one is worthless."""
    for name in (PROOF, SENT, PENDING, IDENTIFIED):
        request.session.pop(name, None)
    request.session.cycle_key()
    _save_identified(request, _identity_state(identity, identified_at=timezone.now().isoformat()))
    return redirect("activation:decision")


def _subject(state: dict, identity: selectors.Identity) -> InsuredPerson:
    """The profile being decided on: one's own, or a represented child's (Gérer le profil)."""
    subject_id = state.get("subject_id", identity.person.pk)
    for profile in selectors.represented_profiles(identity=identity):
        if profile.pk == subject_id:
            return profile
    return identity.person


def _acts_for_self(identity: selectors.Identity, subject: InsuredPerson) -> bool:
    return identity.parent is None and subject.pk == identity.person.pk


def _actor(identity: selectors.Identity, subject: InsuredPerson) -> str:
    if _acts_for_self(identity, subject):
        return "assuré"
    return f"parent:{(identity.parent or identity.person).nir}"


def _to_start() -> HttpResponse:
    return redirect("activation:start")


def _posted(request: HttpRequest):
    """The submitted data, or None for a GET: an empty POST still binds the form."""
    return request.POST if request.method == "POST" else None


def _now() -> str:
    return timezone.now().isoformat()


def _other_profiles_form(identity: selectors.Identity, subject: InsuredPerson) -> ProfileForm:
    return ProfileForm(profiles=_profile_choices(identity, exclude=subject))


def _profile_choices(
    identity: selectors.Identity, exclude: InsuredPerson | None = None
) -> list[tuple[int, str]]:
    choices = []
    for profile in selectors.represented_profiles(identity=identity):
        if exclude is not None and profile.pk == exclude.pk:
            continue
        state = selectors.space_state(person=profile)
        label = _("%(first)s %(last)s — %(state)s") % {
            "first": profile.first_name,
            "last": profile.last_name.upper(),
            "state": _state_label(state),
        }
        choices.append((profile.pk, label))
    return choices


def _state_label(state: str | None) -> str:
    if state is None or state == SpaceState.NOTIFIED:
        return _("en attente de décision")
    return {
        SpaceState.ACTIVE: _("activé"),
        SpaceState.AUTO_CREATED: _("créé automatiquement"),
        SpaceState.OPPOSED: _("opposition"),
        SpaceState.CLOSED: _("clôturé"),
    }[state]


# --- Start and identification (Je m'identifie) ------------------------------------------------


def start(request: HttpRequest) -> HttpResponse:
    """Seed 003: what I need to activate or oppose, "Commencer"."""
    return render(request, "activation/start.html", {"title": _("Activer Mon espace santé")})


@never_cache
@require_http_methods(["GET", "POST"])
def identify(request: HttpRequest) -> HttpResponse:
    """Seed 001, "Je m'identifie": provisional code and NIR."""
    form = IdentifyForm(_posted(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        nir = form.cleaned_data["nir"]
        limits = [(IDENTIFY_PER_NIR, nir), (IDENTIFY_PER_ADDRESS, client_address(request))]
        verdict = ratelimit_peek_all(limits)
        found = selectors.provisional_code_find(code=form.cleaned_data["code"], nir=nir)
        if not verdict.allowed:
            form.add_error(None, verdict.message)
            status = 429
        elif found is None:
            ratelimit_hit_all(limits)
            form.add_error(
                None,
                _(
                    "Le code provisoire ou le numéro de sécurité sociale est incorrect. "
                    "Vérifiez-les ou générez un nouveau code provisoire."
                ),
            )
        else:
            record, identity = found
            if record.used_at is not None:
                return redirect("activation:code_used")
            if record.expires_at <= timezone.now():
                return redirect("activation:code_expired")
            request.session[PENDING] = _identity_state(
                identity, code_id=record.pk, nir=nir, at=_now()
            )
            return redirect("activation:identify_card")
    context = {"title": _("Je m'identifie"), "form": form}
    return render(request, "activation/identify.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def identify_card(request: HttpRequest) -> HttpResponse:
    """Seed 001, "Je m'identifie" second step: the type and serial of the carte Vitale."""
    pending = _step(request, PENDING)
    identity = _identity_of(pending) if pending else None
    if identity is None:
        return _to_start()
    form = IdentifyCardForm(_posted(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        limits = [
            (IDENTIFY_PER_NIR, pending["nir"]),
            (IDENTIFY_PER_ADDRESS, client_address(request)),
        ]
        verdict = ratelimit_peek_all(limits)
        matches = selectors.carte_vitale_matches(
            person=identity.person,
            has_photo=form.has_photo,
            serial=form.cleaned_data["vitale_serial"],
        )
        if not verdict.allowed:
            form.add_error(None, verdict.message)
            status = 429
        elif not matches:
            ratelimit_hit_all(limits)
            form.add_error(
                None,
                _(
                    "Le type ou le numéro de série de carte Vitale ne correspond pas. "
                    "Vérifiez-les sur votre carte."
                ),
            )
        else:
            try:
                services.provisional_code_redeem(code_id=pending["code_id"], person=identity.person)
            except services.CodeUnusable as unusable:
                request.session.pop(PENDING, None)
                return redirect(f"activation:code_{unusable.reason}")
            return _identify(request, identity)
    context = {"title": _("Je m'identifie avec ma carte Vitale"), "form": form}
    return render(request, "activation/identify_card.html", context, status=status)


def code_used(request: HttpRequest) -> HttpResponse:
    """Seed 003, "Votre code provisoire a déjà été utilisé"."""
    return render(
        request,
        "activation/code_unusable.html",
        {"title": _("Votre code provisoire a déjà été utilisé"), "reason": "used"},
    )


def code_expired(request: HttpRequest) -> HttpResponse:
    """A provisional code past its validity gets its own page too (design §3)."""
    return render(
        request,
        "activation/code_unusable.html",
        {"title": _("Votre code provisoire a expiré"), "reason": "expired"},
    )


# --- New provisional code ---------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def new_code(request: HttpRequest) -> HttpResponse:
    """Seed 003, "Je génère un nouveau code provisoire": NIR, birth date and carte Vitale.

    The same message answers every mismatch, whether the NIR exists or not.
    """
    form = NewCodeForm(_posted(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        verdict = ratelimit_hit_all(
            [(PROOF_PER_NIR, data["nir"]), (PROOF_PER_ADDRESS, client_address(request))]
        )
        identity = selectors.identity_prove(
            nir=data["nir"],
            birth_date=data["birth_date"],
            has_photo=form.has_photo,
            serial=data["vitale_serial"],
        )
        if not verdict.allowed:
            form.add_error(None, verdict.message)
            status = 429
        elif identity is None:
            form.add_error(
                None,
                _(
                    "Les informations saisies ne permettent pas de vous identifier. "
                    "Vérifiez-les : numéro de sécurité sociale, date de naissance, type et "
                    "numéro de série de carte Vitale."
                ),
            )
        else:
            request.session[PROOF] = _identity_state(identity, at=_now())
            return redirect("activation:new_code_channel")
    context = {"title": _("Je génère un nouveau code provisoire"), "form": form}
    return render(request, "activation/new_code.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def new_code_channel(request: HttpRequest) -> HttpResponse:
    """Seed 003: choose e-mail or SMS among the registry's contacts, shown masked."""
    proof = _step(request, PROOF)
    identity = _identity_of(proof) if proof else None
    if identity is None:
        return redirect("activation:new_code")
    holder = identity.contact_holder
    contacts = selectors.contacts_of(person=holder)
    masked = {
        channel: selectors.mask_email(to) if channel == "email" else selectors.mask_mobile(to)
        for channel, to in contacts.items()
    }
    form = ChannelForm(_posted(request), masked=masked)
    status = 200
    if contacts and request.method == "POST" and form.is_valid():
        channel = form.cleaned_data["channel"]
        verdict = ratelimit_hit(SEND_PER_PERSON, str(identity.person.pk))
        if not verdict.allowed:
            form.add_error(None, verdict.message)
            status = 429
        else:
            services.provisional_code_send(
                person=identity.person, contact_holder=holder, channel=channel
            )
            request.session.pop(PROOF, None)
            request.session[SENT] = _identity_state(identity, to=masked[channel], at=_now())
            return redirect("activation:new_code_enter")
    context = {
        "title": _("Je choisis comment recevoir mon code provisoire"),
        "form": form,
        "has_contacts": bool(contacts),
    }
    return render(request, "activation/new_code_channel.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def new_code_enter(request: HttpRequest) -> HttpResponse:
    """Seed 003, "Je saisis mon code provisoire": the card was already checked, so the code
    completes the identification."""
    sent = _step(request, SENT)
    identity = _identity_of(sent) if sent else None
    if identity is None:
        return _to_start()
    form = CodeEntryForm(_posted(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        nir = (identity.parent or identity.person).nir
        limits = [(IDENTIFY_PER_NIR, nir), (IDENTIFY_PER_ADDRESS, client_address(request))]
        verdict = ratelimit_peek_all(limits)
        found = selectors.provisional_code_find(code=form.cleaned_data["code"], nir=nir)
        if found is not None and found[0].person_id != identity.person.pk:
            found = None
        if not verdict.allowed:
            form.add_error(None, verdict.message)
            status = 429
        elif found is None:
            ratelimit_hit_all(limits)
            form.add_error(
                "code", _("Ce code provisoire est incorrect. Vérifiez-le dans le message reçu.")
            )
        else:
            try:
                services.provisional_code_redeem(code_id=found[0].pk, person=identity.person)
            except services.CodeUnusable as unusable:
                return redirect(f"activation:code_{unusable.reason}")
            return _identify(request, identity)
    context = {"title": _("Je saisis mon code provisoire"), "form": form, "sent_to": sent["to"]}
    return render(request, "activation/new_code_enter.html", context, status=status)


# --- Decision ---------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest) -> HttpResponse:
    """Seed 001, "Je prends ma décision": activate (CGU accepted) or oppose (design §3)."""
    identified = _identified(request)
    if identified is None:
        return _to_start()
    state, identity = identified
    subject = _subject(state, identity)
    space_state = selectors.space_state(person=subject)
    allowed = ALLOWED_TRANSITIONS[space_state]
    can_activate = SpaceState.ACTIVE in allowed
    form = DecisionForm(_posted(request), can_oppose=SpaceState.OPPOSED in allowed)
    if can_activate and request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == OPPOSE:
            state["pending_decision"] = {"subject_id": subject.pk, "decision": OPPOSE}
            _save_identified(request, state)
            return redirect("activation:oppose_confirm")
        if _acts_for_self(identity, subject):
            state.update(decision=ACTIVATE, cgu_accepted_at=_now())
            _save_identified(request, state)
            return redirect(reverse("activation_credentials:contacts"))
        services.space_activate_by_parent(child=subject, parent=identity.parent or identity.person)
        return redirect("activation:profile_activated")
    context = {
        "title": _("Je prends ma décision"),
        "form": form,
        "subject": subject,
        "for_self": _acts_for_self(identity, subject),
        "space_state": space_state,
        "can_activate": can_activate,
        "opposed_at": selectors.opposition_date(person=subject),
        "profiles_form": _other_profiles_form(identity, subject),
    }
    return render(request, "activation/decision.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def oppose_confirm(request: HttpRequest) -> HttpResponse:
    """Seed 003: "Je valide l'opposition à la création de Mon espace santé"."""
    identified = _identified(request)
    if identified is None:
        return _to_start()
    state, identity = identified
    subject = _subject(state, identity)
    pending = state.get("pending_decision") or {}
    if pending.get("subject_id") != subject.pk or pending.get("decision") != OPPOSE:
        return redirect("activation:decision")
    form = OppositionConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.space_oppose(person=subject, actor=_actor(identity, subject))
        except ValidationError:
            return redirect("activation:decision")
        state.pop("pending_decision", None)
        state["receipt"] = {"subject_id": subject.pk, "token": secrets.token_urlsafe(24)}
        _save_identified(request, state)
        return redirect("activation:opposed")
    context = {
        "title": _("Je valide l'opposition à la création de Mon espace santé"),
        "form": form,
        "subject": subject,
        "for_self": _acts_for_self(identity, subject),
    }
    return render(request, "activation/oppose_confirm.html", context)


@never_cache
def opposed(request: HttpRequest) -> HttpResponse:
    """Seed 003, "Ma décision a bien été prise en compte", with the justificatif and the other
    profiles."""
    identified = _identified(request)
    if identified is None:
        return _to_start()
    state, identity = identified
    subject = _subject(state, identity)
    if selectors.space_state(person=subject) != SpaceState.OPPOSED:
        return redirect("activation:decision")
    receipt = state.get("receipt") or {}
    token = receipt.get("token") if receipt.get("subject_id") == subject.pk else None
    context = {
        "title": _("Ma décision a bien été prise en compte"),
        "subject": subject,
        "for_self": _acts_for_self(identity, subject),
        "receipt_token": token,
        "profiles_form": _other_profiles_form(identity, subject),
    }
    return render(request, "activation/opposed.html", context)


@never_cache
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The justificatif d'opposition, downloadable once, from the confirmation page only
    (seed 003: "celui-ci ne sera plus disponible par la suite")."""
    from .pdf import opposition_receipt_pdf

    identified = _identified(request)
    if identified is None:
        return _to_start()
    state, identity = identified
    kept = state.get("receipt") or {}
    if not hmac.compare_digest(kept.get("token", ""), token):
        context = {"title": _("Ce justificatif n'est plus disponible")}
        return render(request, "activation/receipt_gone.html", context, status=410)
    subject = _subject(state, identity)
    opposed_at = selectors.opposition_date(person=subject)
    if kept.get("subject_id") != subject.pk or opposed_at is None:
        context = {"title": _("Ce justificatif n'est plus disponible")}
        return render(request, "activation/receipt_gone.html", context, status=410)
    state.pop("receipt")
    _save_identified(request, state)
    response = HttpResponse(
        opposition_receipt_pdf(person=subject, opposed_at=opposed_at),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        'attachment; filename="justificatif-opposition-mon-espace-sante.pdf"'
    )
    return response


@never_cache
def profile_activated(request: HttpRequest) -> HttpResponse:
    """A child's profile activated by a parent, with the other profiles to manage."""
    identified = _identified(request)
    if identified is None:
        return _to_start()
    state, identity = identified
    subject = _subject(state, identity)
    if selectors.space_state(person=subject) != SpaceState.ACTIVE:
        return redirect("activation:decision")
    context = {
        "title": _("Le profil a bien été activé"),
        "subject": subject,
        "profiles_form": _other_profiles_form(identity, subject),
    }
    return render(request, "activation/profile_activated.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def profiles(request: HttpRequest) -> HttpResponse:
    """Seed 003, "Vous pouvez également gérer les profils ci-dessous": choose a profile, then
    "Gérer le profil" to activate it or oppose (design §3)."""
    identified = _identified(request)
    if identified is None:
        return _to_start()
    state, identity = identified
    form = ProfileForm(_posted(request), profiles=_profile_choices(identity))
    if request.method == "POST" and form.is_valid():
        state["subject_id"] = form.cleaned_data["profile"]
        state.pop("pending_decision", None)
        _save_identified(request, state)
        return redirect("activation:decision")
    return render(request, "activation/profiles.html", {"title": _("Mes profils"), "form": form})
