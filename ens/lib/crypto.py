"""Envelope encryption: AES-256-GCM with one data key per object, wrapped by a master key.

Design §6: documents are encrypted at rest with per-document keys. Each stored object gets
a fresh random 256-bit data key; the object is encrypted with it, and the data key itself is
encrypted ("wrapped") with a master key that never leaves the settings. Only the wrapped key
and the master key's id are stored next to the object, so that:
- rotating the master key re-wraps 32-byte keys, never re-encrypts the files;
- a stolen bucket or disk is useless without the settings, and a stolen database too.

Associated data (AAD) binds each ciphertext to what it belongs to (a document id, the key id
that wraps it): a ciphertext moved to another record does not decrypt.

Master keys come from settings as an ordered mapping key-id → 32-byte key; the first one is
the newest and encrypts, every one decrypts (`parse_master_keys`). It imports nothing of Django
that needs settings, so that the settings can use its parsers.
"""

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.core.exceptions import ImproperlyConfigured

KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12  # 96-bit random nonces: a fresh key per object, so never near the GCM limit
FORMAT = b"E1"  # version of the stored layout: FORMAT + nonce + ciphertext-and-tag
DEMO_KEY_ID = "demo"


class DecryptionError(Exception):
    """A ciphertext that does not decrypt: wrong key, wrong associated data, or tampered."""


class MasterKeyError(ImproperlyConfigured):
    """DOCUMENTS_MASTER_KEYS is malformed (settings refuse to start)."""


def parse_master_keys(raw: str) -> dict[str, bytes]:
    """'id1:BASE64,id2:BASE64' → {"id1": key1, "id2": key2}, newest (encrypting) first.

    Each key is 32 random bytes in standard or URL-safe base64 (`openssl rand -base64 32`).
    Raises MasterKeyError on an empty list, a duplicate id or a key of the wrong size.
    """
    keys: dict[str, bytes] = {}
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        key_id, sep, encoded = item.partition(":")
        key_id = key_id.strip()
        if not sep or not key_id or len(key_id) > 40:
            raise MasterKeyError("each master key is written 'key-id:base64-key'")
        if key_id in keys:
            raise MasterKeyError(f"master key id {key_id!r} is listed twice")
        encoded = encoded.strip()
        try:
            key = base64.b64decode(encoded.replace("-", "+").replace("_", "/"), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise MasterKeyError(f"master key {key_id!r} is not valid base64") from exc
        if len(key) != KEY_BYTES:
            raise MasterKeyError(f"master key {key_id!r} must be {KEY_BYTES} bytes, not {len(key)}")
        keys[key_id] = key
    if not keys:
        raise MasterKeyError("no master key given")
    return keys


def demo_master_keys(secret: str) -> dict[str, bytes]:
    """A master key derived from `secret` (the demo's SECRET_KEY), for the embedded default only.

    Anyone who knows the secret knows the key: fine for a demo on 127.0.0.1, never for real
    data (production refuses to start without DOCUMENTS_MASTER_KEYS).
    """
    hkdf = HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"ens-documents-demo-key"
    )
    return {DEMO_KEY_ID: hkdf.derive(secret.encode() or b"ens-demo")}


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def encrypt(key: bytes, plaintext: bytes, *, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return FORMAT + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def decrypt(key: bytes, blob: bytes, *, aad: bytes) -> bytes:
    head = len(FORMAT)
    if blob[:head] != FORMAT or len(blob) < head + NONCE_BYTES + 16:
        raise DecryptionError("not an encrypted object of a known format")
    nonce = blob[head : head + NONCE_BYTES]
    try:
        return AESGCM(key).decrypt(nonce, blob[head + NONCE_BYTES :], aad)
    except InvalidTag as exc:
        raise DecryptionError("the ciphertext does not match its key or associated data") from exc


def wrap_key(master_key: bytes, data_key: bytes, *, aad: bytes) -> bytes:
    """`data_key` encrypted with `master_key` (AES-GCM key wrapping, bound to `aad`)."""
    return encrypt(master_key, data_key, aad=aad)


def unwrap_key(master_key: bytes, wrapped: bytes, *, aad: bytes) -> bytes:
    return decrypt(master_key, wrapped, aad=aad)
