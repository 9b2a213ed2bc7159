"""Helpers for browser tests.

`log_in` opens a logged-in session for a user without going through the login pages: the
session is created by Django's own machinery (the test client's `force_login`) and its
cookie handed to the browser context. Tests of the login flow itself drive the pages.
"""

from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext, Page


def log_in(target: Page | BrowserContext, user, base_url: str) -> None:
    """Give the browser of `target` a session in which `user` is logged in."""
    client = Client()
    client.force_login(user)
    context = target.context if isinstance(target, Page) else target
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
