"""`manage.py rotate_document_keys`: re-wrap every document key with the newest master key.

Rotation, step by step (README): put the new key FIRST in DOCUMENTS_MASTER_KEYS, keeping the
old ones after it, restart the servers (new documents use the new key), run this command,
then remove the old keys. The files themselves are not read nor rewritten.
"""

from django.core.management.base import BaseCommand

from ens.documents.keys import current_master_key
from ens.documents.models import Document
from ens.documents.services import document_keys_rotate


class Command(BaseCommand):
    help = "Rechiffre les clés des documents avec la clé maîtresse la plus récente."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        key_id, _key = current_master_key()
        pending = Document.objects.exclude(key_id=key_id).count()
        self.stdout.write(
            f"Clé maîtresse la plus récente : {key_id} ; {pending} clé(s) de document à "
            "rechiffrer (les fichiers ne sont pas modifiés)."
        )
        done = document_keys_rotate(batch_size=batch_size)
        self.stdout.write(self.style.SUCCESS(f"{done} clé(s) de document rechiffrée(s)."))
