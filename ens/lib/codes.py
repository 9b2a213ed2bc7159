"""One-time and provisional codes: generated with `secrets`, stored only as keyed hashes.

A keyed hash (HMAC-SHA256 with a server-side key) means a leaked table of codes cannot be
brute-forced offline, even for 6-digit codes (ASVS 5.0 V6.6); comparison is constant-time.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

# Letters of both cases and digits, without the ones people confuse when copying a letter
# or an e-mail by hand: 0/O/o, 1/l/I/i, 5/S/s, 2/Z/z, 8/B, u/v/U/V (design §3).
PROVISIONAL_ALPHABET = "34679ACDEFGHJKLMNPQRTWXYabcdefghjkmnpqrtwxy"
PROVISIONAL_LENGTH = 12


def new_provisional_code() -> str:
    return "".join(secrets.choice(PROVISIONAL_ALPHABET) for _ in range(PROVISIONAL_LENGTH))


def new_otp(digits: int = 6) -> str:
    return f"{secrets.randbelow(10**digits):0{digits}d}"


def code_hash(code: str, *, purpose: str) -> str:
    """Keyed hash of a code; `purpose` keeps a login code from ever matching a provisional one."""
    key = settings.CODE_HASH_KEY.encode()
    return hmac.new(key, f"{purpose}:{code}".encode(), hashlib.sha256).hexdigest()


def code_matches(code: str, stored_hash: str, *, purpose: str) -> bool:
    return hmac.compare_digest(code_hash(code, purpose=purpose), stored_hash)
