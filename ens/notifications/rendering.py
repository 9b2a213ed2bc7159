"""Rendering of notification templates (French, under templates/notifications/).

An e-mail is `email/<name>.subject.txt`, `email/<name>.txt` and, optionally,
`email/<name>.html`; an SMS is `sms/<name>.txt`. Plain-text parts are rendered without HTML
escaping (an apostrophe in a name must stay an apostrophe); the HTML part is escaped as usual.
"""

from dataclasses import dataclass

from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template

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

    @staticmethod
    def _plain(template, context: dict) -> str:
        return template.template.render(Context(context, autoescape=False))

    def render(self, context: dict) -> RenderedMessage:
        subject = ""
        if self.subject is not None:
            # A header is one line: join what the template spread over several.
            subject = " ".join(self._plain(self.subject, context).split())
        text = self._plain(self.text, context).strip()
        if self.channel == Channel.SMS:
            text = " ".join(text.split())  # an SMS is a single paragraph
        html = self.html.render(context).strip() if self.html is not None else ""
        return RenderedMessage(subject=subject, text=text, html=html)
