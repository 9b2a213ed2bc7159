"""Encryption of document contents with per-document keys wrapped by the master keys.

The rule (design §6; issue 6, Documents item 3): each document has its own AES-256-GCM key;
that key is stored only wrapped by the newest master key of DOCUMENTS_MASTER_KEYS, with the
master key's id, so that master keys can be rotated without touching the files. The
document id is the associated data of both the content and the wrapped key: a ciphertext
or a wrapped key copied onto another document does not decrypt.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ens.lib import crypto


def _content_aad(document_id: uuid.UUID) -> bytes:
    return b"ens:document:" + document_id.bytes


def _key_aad(document_id: uuid.UUID, key_id: str) -> bytes:
    return b"ens:document-key:" + document_id.bytes + b":" + key_id.encode()


def current_master_key() -> tuple[str, bytes]:
    """(key id, key) of the newest master key: the first of DOCUMENTS_MASTER_KEYS."""
    keys = settings.DOCUMENTS_MASTER_KEYS
    if not keys:
        raise ImproperlyConfigured("DOCUMENTS_MASTER_KEYS is empty")
    key_id = next(iter(keys))
    return key_id, keys[key_id]


def master_key(key_id: str) -> bytes:
    try:
        return settings.DOCUMENTS_MASTER_KEYS[key_id]
    except KeyError:
        raise crypto.DecryptionError(f"master key {key_id!r} is not configured") from None


@dataclass(frozen=True)
class Sealed:
    ciphertext: bytes
    wrapped_key: bytes
    key_id: str


def seal(document_id: uuid.UUID, plaintext: bytes) -> Sealed:
    """Encrypt `plaintext` for document `document_id` under a fresh key, wrapped by the newest
    master key."""
    data_key = crypto.new_data_key()
    key_id, master = current_master_key()
    return Sealed(
        ciphertext=crypto.encrypt(data_key, plaintext, aad=_content_aad(document_id)),
        wrapped_key=crypto.wrap_key(master, data_key, aad=_key_aad(document_id, key_id)),
        key_id=key_id,
    )


def open_sealed(document_id: uuid.UUID, ciphertext: bytes, *, wrapped_key: bytes, key_id: str):
    """The plaintext of a sealed document (raises crypto.DecryptionError if anything differs)."""
    data_key = crypto.unwrap_key(master_key(key_id), wrapped_key, aad=_key_aad(document_id, key_id))
    return crypto.decrypt(data_key, ciphertext, aad=_content_aad(document_id))


def rewrap(document_id: uuid.UUID, *, wrapped_key: bytes, key_id: str) -> tuple[bytes, str]:
    """The document key re-wrapped by the newest master key: (wrapped key, key id)."""
    data_key = crypto.unwrap_key(master_key(key_id), wrapped_key, aad=_key_aad(document_id, key_id))
    new_id, new_master = current_master_key()
    return crypto.wrap_key(new_master, data_key, aad=_key_aad(document_id, new_id)), new_id
