"""Drive the login pages through the test client."""

import re

from ens.notifications.selectors import latest_outbox_message
from tests.factories import PASSWORD


def read_code(to: str) -> str:
    """The last 6-digit code the demo outbox kept for `to`."""
    return re.search(r"\b(\d{6})\b", latest_outbox_message(to).body_text).group(1)


def submit_password(client, user, password: str = PASSWORD, **extra):
    return client.post("/connexion/", {"identifier": user.username, "password": password}, **extra)


def ask_code(client, user, channel: str = "email"):
    """Identifier, password, channel: the code is in the outbox."""
    submit_password(client, user)
    return client.post("/connexion/methode/", {"channel": channel})


def log_in_with_code(client, user):
    ask_code(client, user)
    return client.post("/connexion/code/", {"code": read_code(user.email)})
