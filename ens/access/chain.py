"""The hash chain of the access log: canonical serialisation and keyed hash of an entry.

Pure functions, shared by the writer (ens.access.services) and the verifier
(`manage.py verify_access_log`), so that both hash exactly the same bytes.

The hash is HMAC-SHA256 with `settings.ACCESS_LOG_KEY` (by default derived from SECRET_KEY).
A plain SHA-256 chain proves only that entries are consistent with each other: someone able
to write the table could rewrite an entry and recompute every hash after it. With a key the
application holds and the database does not, they cannot. Changing the key makes existing
chains fail verification: keep the old key for as long as the log is kept.
"""

import hashlib
import hmac
import json
from datetime import UTC, datetime

from django.conf import settings

GENESIS_HASH = "0" * 64


def canonical_timestamp(moment: datetime) -> str:
    """The timestamp as hashed: ISO 8601 in UTC with microseconds, whatever the database."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def canonical_bytes(
    *,
    person_id: int,
    seq: int,
    created_at: datetime,
    actor_id: int | None,
    actor_label: str,
    actor_kind: str,
    action: str,
    resource: str,
    mode: str,
    detail: str,
    prev_hash: str,
) -> bytes:
    """One entry's fields as a JSON array in a fixed order: unambiguous, whatever the text."""
    fields = [
        "ens-access-log-v1",
        person_id,
        seq,
        canonical_timestamp(created_at),
        actor_id,
        actor_label,
        actor_kind,
        action,
        resource,
        mode,
        detail,
        prev_hash,
    ]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_hash(payload: bytes) -> str:
    key = settings.ACCESS_LOG_KEY.encode("utf-8")
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def hash_of(entry) -> str:
    """The hash an AccessLogEntry (or a row with the same attributes) should carry."""
    return entry_hash(
        canonical_bytes(
            person_id=entry.person_id,
            seq=entry.seq,
            created_at=entry.created_at,
            actor_id=entry.actor_id,
            actor_label=entry.actor_label,
            actor_kind=entry.actor_kind,
            action=entry.action,
            resource=entry.resource,
            mode=entry.mode,
            detail=entry.detail,
            prev_hash=entry.prev_hash,
        )
    )
