"""Encryption of message subjects and bodies: one AES-256-GCM key per object, wrapped by the
newest master key (the documents' master keys, ens.documents.keys), so that rotating master
keys and losing a database dump work the same for messages as for documents.

The associated data binds a ciphertext to its kind and its object id: a body copied onto
another message, or a subject onto a body, does not decrypt.
"""

import uuid
from dataclasses import dataclass

from ens.documents.keys import current_master_key, master_key
from ens.lib import crypto


def _aad(kind: str, object_id: uuid.UUID) -> bytes:
    return b"ens:message-" + kind.encode() + b":" + object_id.bytes


def _key_aad(kind: str, object_id: uuid.UUID, key_id: str) -> bytes:
    return _aad(kind + "-key", object_id) + b":" + key_id.encode()


@dataclass(frozen=True)
class SealedText:
    ciphertext: bytes
    wrapped_key: bytes
    key_id: str


def seal_text(kind: str, object_id: uuid.UUID, text: str) -> SealedText:
    data_key = crypto.new_data_key()
    key_id, master = current_master_key()
    return SealedText(
        ciphertext=crypto.encrypt(data_key, text.encode(), aad=_aad(kind, object_id)),
        wrapped_key=crypto.wrap_key(master, data_key, aad=_key_aad(kind, object_id, key_id)),
        key_id=key_id,
    )


def open_text(
    kind: str, object_id: uuid.UUID, ciphertext: bytes, *, wrapped_key: bytes, key_id: str
) -> str:
    data_key = crypto.unwrap_key(
        master_key(key_id), bytes(wrapped_key), aad=_key_aad(kind, object_id, key_id)
    )
    return crypto.decrypt(data_key, bytes(ciphertext), aad=_aad(kind, object_id)).decode()
