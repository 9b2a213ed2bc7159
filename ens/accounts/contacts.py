"""Contact details of an account: shapes of a mobile number, and the check of the code that
proves a new e-mail address or mobile number reaches the person (design §3, "Activation").

Pure functions; the pending change is a plain dict the caller keeps (in the session during
activation), so the same rules serve the settings page later.
"""

import enum
import re
from datetime import datetime, timedelta

from django.utils import timezone

from ens.lib.codes import code_matches

CONTACT_CHANGE_PURPOSE = "contact_change"
CONTACT_CODE_VALID_MINUTES = 15
CONTACT_CODE_MAX_TRIES = 5
# Codes one activation may send: each goes to an address the person typed, so this keeps the
# form from being used to send mail or SMS to strangers.
CONTACT_CODE_MAX_SENDS = 5

# French mobiles (06, 07) and the overseas departments that have their own country code.
_FR_MOBILE = re.compile(r"\+33[67]\d{8}")
_OVERSEAS_MOBILE = re.compile(r"\+(262|590|594|596|269)6\d{8}")


def normalize_mobile(raw: str) -> str | None:
    """The E.164 form of a mobile number typed in any usual way, or None if it is not one.

    "07 12 34 56 78", "07.12.34.56.78", "+33 7 12 34 56 78", "0033712345678" all give
    "+33712345678".
    """
    compact = re.sub(r"[\s.\-()/]", "", raw)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if re.fullmatch(r"0[67]\d{8}", compact):
        compact = "+33" + compact[1:]
    if compact.startswith("+330"):
        compact = "+33" + compact[4:]
    if _FR_MOBILE.fullmatch(compact) or _OVERSEAS_MOBILE.fullmatch(compact):
        return compact
    return None


def format_mobile(e164: str) -> str:
    """ "+33712345678" → "+33 7 12 34 56 78", the way the real service shows it (seed 001)."""
    match = re.fullmatch(r"\+(33|262|590|594|596|269)(\d)(\d{8})", e164)
    if not match:
        return e164
    country, first, rest = match.groups()
    pairs = " ".join(rest[i : i + 2] for i in range(0, 8, 2))
    return f"+{country} {first} {pairs}"


def normalize_email(raw: str) -> str:
    """The domain of an address is case-insensitive; the local part is kept as typed."""
    local, _, domain = raw.strip().rpartition("@")
    return f"{local}@{domain.lower()}" if local else raw.strip()


class CodeCheck(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    EXPIRED = "expired"
    # The last allowed try was wrong: the code is dead, a new one must be asked for.
    EXHAUSTED = "exhausted"


def pending_change(*, kind: str, value: str, code_hash: str, now: datetime | None = None) -> dict:
    """The record of a change waiting for its code, JSON-serialisable for the session."""
    now = now or timezone.now()
    return {
        "kind": kind,
        "value": value,
        "code_hash": code_hash,
        "expires_at": (now + timedelta(minutes=CONTACT_CODE_VALID_MINUTES)).isoformat(),
        "tries": 0,
    }


def pending_change_check(pending: dict, code: str, *, now: datetime | None = None) -> CodeCheck:
    """Check `code` against a pending change, counting the try in `pending`.

    A code is valid 15 minutes and accepts 5 wrong tries (issue 4, "Activation"); the
    caller drops the pending change once it is accepted, so a code works only once.
    """
    now = now or timezone.now()
    if pending["tries"] >= CONTACT_CODE_MAX_TRIES:
        return CodeCheck.EXHAUSTED
    if now >= datetime.fromisoformat(pending["expires_at"]):
        return CodeCheck.EXPIRED
    pending["tries"] += 1
    if code_matches(code.strip(), pending["code_hash"], purpose=CONTACT_CHANGE_PURPOSE):
        return CodeCheck.ACCEPTED
    if pending["tries"] >= CONTACT_CODE_MAX_TRIES:
        return CodeCheck.EXHAUSTED
    return CodeCheck.WRONG


def tries_left(pending: dict) -> int:
    return max(CONTACT_CODE_MAX_TRIES - pending["tries"], 0)
