"""Where encrypted documents go: the storage alias "documents" (disk or S3-compatible).

Only ciphertext reaches the storage (ens.documents.keys). Objects are named with a random
id, never with anything the person typed or sent.
"""

from django.conf import settings
from django.core.files.storage import Storage, default_storage, storages


def documents_storage() -> Storage:
    """The "documents" storage, or the default one where the settings define no such alias
    (the test settings keep every file in memory through the default storage)."""
    if "documents" in settings.STORAGES:
        return storages["documents"]
    return default_storage
