"""Bulk rendering gives, byte for byte, the messages rendered one by one."""

import copy
import datetime
from decimal import Decimal
from pathlib import Path

import pytest

import ens
from ens.notifications import rendering
from ens.notifications.rendering import MessageTemplates

APP_TEMPLATE_DIRS = [
    Path(ens.__file__).parent / app / "templates" / "notifications"
    for app in ("notifications", "login", "professionals")
]


def _all_templates() -> list[tuple[str, str]]:
    found = set()
    for root in APP_TEMPLATE_DIRS:
        for path in (root / "email").glob("*.subject.txt"):
            found.add(("email", path.name.removesuffix(".subject.txt")))
        for path in (root / "sms").glob("*.txt"):
            found.add(("sms", path.name.removesuffix(".txt")))
    return sorted(found)


TEMPLATES = _all_templates()

# Values that need HTML escaping, accents, apostrophes, braces and percent signs (the format
# string and blocktranslate's % formatting), spaces and line breaks (the subject and the SMS
# join their lines), and an empty string.
CODES = ["rbYygUY9fYHs", "A<b>&c\"d'e", "éÀç{0}%s%%", "  spaced\ncode  ", "", "{}"]
NAMES = ["Jean", "Léo", "O'Brien <b>&", 'Zoé "Zaza"', "", "Jean"]


def _contexts(count: int = 60) -> list[dict]:
    contexts = []
    for i in range(count):
        code, name = CODES[i % len(CODES)], NAMES[(i // 2) % len(NAMES)]
        contexts.append(
            {
                "code": f"{code}{i}" if i % 5 else code,
                "first_name": name,
                "identifier": f"id-{i}<&>'\"",
                "valid_minutes": 15 if i % 7 else 10,
                "auto_creation_date": datetime.date(2026, 6, 25 + i % 3),
                "activation_url": "https://ens.example/activation/?a=1&b=<2>",
                "login_url": "https://ens.example/connexion/",
                "url": f"https://ens.example/m/{i % 2}?x='y'",
                "sender_label": "Dr Claire Martin & Cie" if i % 3 else "Dr <Müller>",
            }
        )
    return contexts


def _one_by_one(templates: MessageTemplates, contexts: list[dict]):
    return [templates.render(c) for c in contexts]


def test_every_notification_template_is_found():
    assert ("email", "wave_notification") in TEMPLATES
    assert ("sms", "login_code") in TEMPLATES
    assert ("email", "recovery_code") in TEMPLATES  # from ens/login


@pytest.mark.parametrize(("channel", "name"), TEMPLATES)
def test_bulk_rendering_is_byte_identical_to_one_by_one_rendering(channel, name):
    templates = MessageTemplates(channel, name)
    contexts = _contexts()
    snapshot = copy.deepcopy(contexts)

    bulk = templates.render_many(contexts)

    assert bulk == _one_by_one(MessageTemplates(channel, name), contexts)
    assert contexts == snapshot  # the callers' contexts are left alone
    assert all(type(m.subject) is str and type(m.text) is str for m in bulk)


@pytest.mark.parametrize(("channel", "name"), TEMPLATES)
def test_the_fallback_when_the_static_check_is_fooled_is_byte_identical(channel, name, monkeypatch):
    # Pretend every name is free: the filtered, tested and included ones lose their sentinel
    # in the rendering and the output check must send those parts to ordinary rendering.
    monkeypatch.setattr(MessageTemplates, "_bound_names", lambda self: frozenset())
    templates = MessageTemplates(channel, name)
    contexts = _contexts()

    assert templates.render_many(contexts) == _one_by_one(templates, contexts)


def test_the_wave_email_is_rendered_once_per_group_not_once_per_person(monkeypatch):
    templates = MessageTemplates("email", "wave_notification")
    calls = []
    raw = MessageTemplates._raw
    monkeypatch.setattr(
        MessageTemplates, "_raw", lambda self, context: calls.append(1) or raw(self, context)
    )
    contexts = [
        {
            "code": f"CODE<{i}>&'",
            "first_name": ("Jean", "Léo")[i % 2],
            "auto_creation_date": datetime.date(2026, 6, 25),
            "activation_url": "https://ens.example/activation/",
        }
        for i in range(200)
    ]

    bulk = templates.render_many(contexts)

    assert len(calls) == 2  # one per first name: `first_name|upper` is not substituted
    monkeypatch.undo()
    assert bulk == _one_by_one(templates, contexts)
    assert "CODE&lt;7&gt;&amp;&#x27;" in bulk[7].html
    assert "CODE<7>&'" in bulk[7].text


def test_the_static_check_frees_only_bare_variables():
    bound = MessageTemplates("email", "wave_notification")._bound_names()

    assert "code" not in bound  # {{ code }}, also in the included _code.html
    assert {"first_name", "auto_creation_date", "activation_url"} <= bound


def test_values_of_other_types_group_recipients_and_objects_are_rendered_alone():
    templates = MessageTemplates("email", "login_code")
    contexts = [
        {"code": "1", "valid_minutes": 15},
        {"code": "2", "valid_minutes": 15.0},
        {"code": "3", "valid_minutes": True},
        {"code": "4", "valid_minutes": Decimal("15.0")},
        {"code": "5", "valid_minutes": Decimal("15.00")},
        {"code": "6", "valid_minutes": [15]},
        {"code": "7", "valid_minutes": 15},
        {"code": "\ue000 a marker", "valid_minutes": 15},
    ]

    assert templates.render_many(contexts) == _one_by_one(templates, contexts)


def test_an_empty_batch_renders_nothing():
    assert MessageTemplates("email", "wave_notification").render_many([]) == []


# --- Templates of other shapes, written for the test ---


@pytest.fixture
def own_templates(settings, tmp_path):
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [tmp_path, *settings.TEMPLATES[0].get("DIRS", [])],
        }
    ]
    email = tmp_path / "notifications" / "email"
    email.mkdir(parents=True)

    def write(name: str, subject: str, text: str, html: str) -> MessageTemplates:
        (email / f"{name}.subject.txt").write_text(subject)
        (email / f"{name}.txt").write_text(text)
        (email / f"{name}.html").write_text(html)
        return MessageTemplates("email", name)

    return write


SHAPES = {
    "filters": (
        "Code {{ code|upper }} pour {{ first_name }}",
        "{{ code|lower }} {{ code|length }} {{ first_name|default:'vous' }}",
        "<p>{{ code|safe }} {{ code|force_escape }} {{ first_name|capfirst }}</p>",
    ),
    "conditions": (
        "{% if code == 'A<b>&c\"d\\'e' %}égal{% else %}autre{% endif %} {{ code }}",
        "{% if first_name %}Bonjour {{ first_name }}{% else %}Bonjour{% endif %} {{ code }}",
        "{% with c=code %}<b>{{ c }}</b>{% endwith %}{% for x in code %}.{% endfor %}",
    ),
    "autoescape": (
        "{{ code }}",
        "{% autoescape on %}{{ code }}{% endautoescape %}",
        "{% autoescape off %}<p>{{ code }}</p>{% endautoescape %} {{ first_name }}",
    ),
    "filter_block": (
        "{{ first_name }}",
        "{% filter upper %}{{ code }} {{ first_name }}{% endfilter %}",
        "{% spaceless %}<p> {{ code }} </p> <p>{{ first_name }}</p>{% endspaceless %}",
    ),
    "bare": (
        "{{ code }}  {{ first_name }}\n{{ code }}",
        "{% load i18n %}{% blocktranslate %}Code {{ code }} !{% endblocktranslate %} 100%",
        "<a title='{{ first_name }}'>{{ code }}{{ code }}</a> {literal} %s",
    ),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_templates_of_any_shape_render_the_same_in_bulk(own_templates, shape):
    templates = own_templates(f"shape_{shape}", *SHAPES[shape])
    contexts = _contexts()

    assert templates.render_many(contexts) == _one_by_one(templates, contexts)


# A value only tested (`{% if code == "x" %}`, `{% for c in code %}`) may leave no trace in the
# output, and `{% spaceless %}` depends on what surrounds the value: only the static check
# can see those, so these shapes are not in this list.
@pytest.mark.parametrize("shape", ["filters", "autoescape", "bare"])
def test_templates_of_any_shape_survive_a_fooled_static_check(own_templates, shape, monkeypatch):
    monkeypatch.setattr(MessageTemplates, "_bound_names", lambda self: frozenset())
    templates = own_templates(f"fooled_{shape}", *SHAPES[shape])
    contexts = _contexts()

    assert templates.render_many(contexts) == _one_by_one(templates, contexts)


def test_a_filter_applied_to_a_value_keeps_it_out_of_substitution(own_templates):
    templates = own_templates("filtered", *SHAPES["filters"])

    assert {"code", "first_name"} <= templates._bound_names()


def test_an_unknown_tag_or_a_dynamic_include_makes_nothing_free(own_templates, monkeypatch):
    dynamic = own_templates("dynamic", "{{ code }}", "{% include which %}", "{{ code }}")
    custom = own_templates("custom", "{{ code }}", "{% lorem 2 w %} {{ code }}", "{{ code }}")

    assert dynamic._bound_names() is None
    assert custom._bound_names() is None
    contexts = [{"code": "a", "which": "notifications/email/custom.subject.txt"}] * 3
    assert dynamic.render_many(contexts) == _one_by_one(dynamic, contexts)
    assert custom.render_many(contexts) == _one_by_one(custom, contexts)


def test_a_part_that_loses_a_sentinel_is_the_only_one_rendered_again(monkeypatch):
    monkeypatch.setattr(MessageTemplates, "_bound_names", lambda self: frozenset())
    templates = MessageTemplates("email", "wave_notification")
    again = []
    part = MessageTemplates._raw_part
    monkeypatch.setattr(
        MessageTemplates,
        "_raw_part",
        lambda self, k, context: again.append(k) or part(self, k, context),
    )
    contexts = _contexts(10)

    templates.render_many(contexts)

    # first_name goes through |upper in the text and the HTML; the subject does not use it.
    assert again and 0 not in again
    assert rendering._sentinel(0) != rendering._sentinel(1)
