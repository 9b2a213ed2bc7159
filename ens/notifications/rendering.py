"""Rendering of notification templates (French, under templates/notifications/).

An e-mail is `email/<name>.subject.txt`, `email/<name>.txt` and, optionally,
`email/<name>.html`; an SMS is `sms/<name>.txt`. Plain-text parts are rendered without HTML
escaping (an apostrophe in a name must stay an apostrophe); the HTML part is escaped as usual.

Bulk rendering (`MessageTemplates.render_many`, used by notification waves) gives exactly the
messages `render` gives one by one, but renders each template once per group of recipients
whose contexts differ only in "free" string values: values that every template of the
message only prints as-is (`{{ code }}`, no filter, never in a tag such as `{% if %}` or
`{% with %}`). Each group's template is rendered once with a unique sentinel standing for each
free value, and the sentinels are then replaced per person (by the HTML-escaped value in the
HTML part, the raw value in the plain-text parts). Two independent safeguards keep this exact:
- a static check of every template source involved (the template, what it extends and
  includes, read with Django's own lexer): a value is free only if it appears nowhere but in
  bare `{{ name }}` tags, and only when every block tag is a known built-in one that cannot
  read the context behind the template's back (a custom tag makes nothing free);
- a check of each rendered skeleton: every sentinel must come out exactly in its expected form
  (raw, or HTML-escaped), and nothing else may carry the sentinels' marker characters.
Whatever fails either check is rendered person by person, as `render` does.
"""

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.template import Context, TemplateDoesNotExist
from django.template.base import Lexer, TokenType
from django.template.loader import get_template
from django.utils.safestring import SafeString

from .models import Channel


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    text: str
    html: str


def _required(path: str, name: str, channel: str):
    try:
        return get_template(path)
    except TemplateDoesNotExist:
        raise TemplateDoesNotExist(
            f"notification template {name!r} has no {channel} version: "
            f"ens/notifications/templates/{path} is missing"
        ) from None


def _optional(path: str):
    try:
        return get_template(path)
    except TemplateDoesNotExist:
        return None


# --- Static analysis: which context names a template only ever prints as-is ---

# Built-in tags that read the context only through the names written in their own tag (which
# the analysis sees). Any other tag (a custom tag may read any name, `{% filter %}`,
# `{% autoescape %}` and `{% spaceless %}` rewrite what they enclose) makes nothing free.
_SAFE_TAGS = frozenset(
    {
        "load",
        "translate",
        "trans",
        "blocktranslate",
        "blocktrans",
        "endblocktranslate",
        "endblocktrans",
        "plural",
        "with",
        "endwith",
        "if",
        "elif",
        "else",
        "endif",
        "for",
        "empty",
        "endfor",
        "include",
        "extends",
        "block",
        "endblock",
        "comment",
        "endcomment",
        "verbatim",
        "endverbatim",
        "firstof",
        "now",
        "cycle",
        "resetcycle",
        "templatetag",
        "widthratio",
        "url",
        "static",
        "get_current_language",
        "language",
        "endlanguage",
    }
)
_STRING_LITERAL = re.compile(r""""[^"\\]*(?:\\.[^"\\]*)*"|'[^'\\]*(?:\\.[^'\\]*)*'""")
_IDENTIFIER = re.compile(r"\w+")


class _Opaque(Exception):
    """The templates cannot be analysed: no value is free."""


def _template_uses(template, seen: set[str], names: dict[str, bool]) -> None:
    """Record in `names` every name `template` (and what it pulls in) mentions: True while all
    its mentions are bare `{{ name }}`, False as soon as one is anything else."""
    for token in Lexer(template.source).tokenize():
        if token.token_type == TokenType.VAR:
            contents = token.contents.strip()
            if _IDENTIFIER.fullmatch(contents):
                names.setdefault(contents, True)
                continue
        elif token.token_type == TokenType.BLOCK:
            bits = token.split_contents()
            if not bits or bits[0] not in _SAFE_TAGS:
                raise _Opaque(f"tag {bits[:1]} in {template.origin.template_name}")
            if bits[0] in {"include", "extends"}:
                target = bits[1] if len(bits) > 1 else ""
                if len(target) < 2 or target[0] not in "\"'" or target[-1] != target[0]:
                    raise _Opaque(f"dynamic {bits[0]} in {template.origin.template_name}")
                target = target[1:-1]
                if bits[0] == "extends" and target == template.origin.template_name:
                    raise _Opaque("a template extending its own name")
                if target not in seen:
                    seen.add(target)
                    _template_uses(template.engine.get_template(target), seen, names)
        else:
            continue  # text and comments read nothing
        for name in _IDENTIFIER.findall(_STRING_LITERAL.sub(" ", token.contents)):
            names[name] = False


def _names_bound_in(template) -> frozenset[str] | None:
    """The names `template` uses otherwise than bare `{{ name }}`, or None when it cannot be
    analysed. Every other name is free (a name never mentioned prints nothing)."""
    names: dict[str, bool] = {}
    base = template.template
    try:
        _template_uses(base, {base.origin.template_name}, names)
    except (_Opaque, TemplateDoesNotExist):
        return None
    return frozenset(name for name, bare in names.items() if not bare)


# --- Sentinels ---

# Private-use characters: the marker of a sentinel, never expected in a real message. A context
# whose strings carry one is rendered the ordinary way.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKERS = re.compile(f"[{_OPEN}{_CLOSE}]")


def _sentinel(i: int) -> str:
    # Letters of both cases and the characters HTML escapes: a filter or an escaping that
    # touches the value cannot leave its sentinel unchanged.
    return f"{_OPEN}{i:03d}xY<&\"'é{_CLOSE}"


# Values that group recipients: two equal keys render the same. The type is part of the key
# (True == 1, but they print differently), and so is repr() where equality is looser than
# printing (Decimal("1.0") == Decimal("1.00"), aware datetimes of other time zones, -0.0).
_BY_VALUE = (str, SafeString, int, bool, type(None), date)
_BY_REPR = (float, Decimal, datetime, time)


class _Skeleton:
    """One part rendered with sentinels: a format string to fill in per person, or None when
    the rendering did not keep every sentinel intact (render that part person by person)."""

    __slots__ = ("escape", "fmt")

    def __init__(self, rendered: str, slots: int, *, escape: bool):
        self.escape = escape
        self.fmt = None
        forms = [html.escape(_sentinel(i)) if escape else _sentinel(i) for i in range(slots)]
        found = sum(rendered.count(form) for form in forms)
        if rendered.count(_OPEN) != found or rendered.count(_CLOSE) != found:
            return
        pieces = re.split("(" + "|".join(map(re.escape, forms)) + ")", rendered)
        index = {form: i for i, form in enumerate(forms)}
        fmt = []
        for k, piece in enumerate(pieces):
            if k % 2:
                fmt.append(f"{{{index[piece]}}}")
            else:
                fmt.append(piece.replace("{", "{{").replace("}", "}}"))
        self.fmt = "".join(fmt)

    def fill(self, values: list[str]) -> str:
        if self.escape:
            values = [html.escape(v) for v in values]
        return self.fmt.format(*values)


class MessageTemplates:
    """The templates of one message for one channel, loaded once and rendered many times."""

    def __init__(self, channel: str, name: str):
        base = f"notifications/{channel}/{name}"
        self.channel = channel
        self.name = name
        self.text = _required(f"{base}.txt", name, channel)
        if channel == Channel.EMAIL:
            self.subject = _required(f"{base}.subject.txt", name, channel)
            self.html = _optional(f"{base}.html")
        else:
            self.subject = None
            self.html = None
        self._bound: frozenset[str] | None = None
        self._analysed = False

    @staticmethod
    def _plain(template, context: dict) -> str:
        return template.template.render(Context(context, autoescape=False))

    def _raw(self, context: dict) -> tuple[str, str, str]:
        subject = self._plain(self.subject, context) if self.subject is not None else ""
        text = self._plain(self.text, context)
        html_part = self.html.render(context) if self.html is not None else ""
        return subject, text, html_part

    def _finish(self, subject: str, text: str, html_part: str) -> RenderedMessage:
        if self.subject is not None:
            # A header is one line: join what the template spread over several.
            subject = " ".join(subject.split())
        text = text.strip()
        if self.channel == Channel.SMS:
            text = " ".join(text.split())  # an SMS is a single paragraph
        if self.html is not None:
            html_part = html_part.strip()
        return RenderedMessage(subject=subject, text=text, html=html_part)

    def render(self, context: dict) -> RenderedMessage:
        return self._finish(*self._raw(context))

    # --- Bulk ---

    def _bound_names(self) -> frozenset[str] | None:
        """The names some part uses otherwise than bare `{{ name }}`; None: nothing is free."""
        if not self._analysed:
            bound: set[str] | None = set()
            for template in (self.subject, self.text, self.html):
                if template is None:
                    continue
                names = _names_bound_in(template)
                if names is None:
                    bound = None
                    break
                bound |= names
            self._bound = frozenset(bound) if bound is not None else None
            self._analysed = True
        return self._bound

    def render_many(self, contexts: list[dict]) -> list[RenderedMessage]:
        """`[self.render(c) for c in contexts]`, much faster when contexts share a shape."""
        bound = self._bound_names()
        if bound is None:
            return [self.render(c) for c in contexts]
        results: list[RenderedMessage | None] = [None] * len(contexts)
        groups: dict[tuple, list[int]] = {}
        for position, context in enumerate(contexts):
            key = self._group_key(context, bound)
            if key is None:
                results[position] = self.render(context)
            else:
                groups.setdefault(key, []).append(position)
        for key, positions in groups.items():
            self._render_group(contexts, positions, key[0], results)
        return results  # type: ignore[return-value]

    @staticmethod
    def _group_key(context: dict, bound: frozenset[str]) -> tuple | None:
        free = []
        fixed = []
        for name, value in context.items():
            kind = type(value)
            if kind is str and name not in bound:
                if _MARKERS.search(value):
                    return None
                free.append(name)
            elif kind in _BY_VALUE:
                if kind in (str, SafeString) and _MARKERS.search(value):
                    return None
                fixed.append((name, kind, value))
            elif kind in _BY_REPR:
                fixed.append((name, kind, repr(value)))
            else:
                return None  # an object: render it the ordinary way
        return (tuple(sorted(free)), tuple(sorted(fixed, key=lambda item: item[0])))

    def _raw_part(self, k: int, context: dict) -> str:
        if k == 0:
            return self._plain(self.subject, context) if self.subject is not None else ""
        if k == 1:
            return self._plain(self.text, context)
        return self.html.render(context) if self.html is not None else ""

    def _render_group(
        self, contexts: list[dict], positions: list[int], free: tuple[str, ...], results: list
    ) -> None:
        first = contexts[positions[0]]
        if not free:
            # The contexts are equal: one rendering serves the whole group.
            message = self.render(first)
            for position in positions:
                results[position] = message
            return
        if len(positions) == 1:
            results[positions[0]] = self.render(first)
            return
        probe = dict(first)
        for i, name in enumerate(free):
            probe[name] = _sentinel(i)
        raw = self._raw(probe)
        parts = [_Skeleton(part, len(free), escape=k == 2) for k, part in enumerate(raw)]
        for position in positions:
            context = contexts[position]
            values = [context[name] for name in free]
            results[position] = self._finish(
                *(
                    part.fill(values)
                    if part.fmt is not None
                    # This part lost a sentinel: it is rendered person by person.
                    else self._raw_part(k, context)
                    for k, part in enumerate(parts)
                )
            )
