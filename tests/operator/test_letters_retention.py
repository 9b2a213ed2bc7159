"""The letters' PDFs hold provisional codes in clear: they are deleted once the codes expire."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ens.operator.models import LetterBatch
from ens.operator.services import letter_batches_purge
from tests.factories import InsuredPersonFactory
from tests.operator.helpers import launch


def run_transitions(at) -> str:
    out = io.StringIO()
    call_command("run_transitions", "--now", at.isoformat(), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_batch_knows_until_when_its_codes_are_valid(operator, settings):
    InsuredPersonFactory(without_email=True)
    before = timezone.now()
    launch(operator, kind="all")
    batch = LetterBatch.objects.get()

    delay = timedelta(days=settings.AUTO_CREATION_DELAY_DAYS)
    assert before + delay <= batch.codes_expire_at <= timezone.now() + delay
    page = operator.get(reverse("operator:wave_detail", args=[batch.wave_id])).content.decode()
    assert f"codes valables jusqu'au {timezone.localdate(batch.codes_expire_at):%d/%m/%Y}" in page


def test_the_pdf_stays_while_the_codes_are_valid(operator):
    InsuredPersonFactory(without_email=True)
    launch(operator, kind="all")
    batch = LetterBatch.objects.get()

    run_transitions(batch.codes_expire_at - timedelta(minutes=1))

    batch.refresh_from_db()
    assert batch.purged_at is None
    assert batch.pdf.storage.exists(batch.pdf.name)
    response = operator.get(reverse("operator:letter_download", args=[batch.pk]))
    assert response.status_code == 200


def test_the_transitions_delete_the_pdf_once_the_codes_expired(operator):
    InsuredPersonFactory(without_email=True)
    launch(operator, kind="all")
    batch = LetterBatch.objects.get()
    name, storage = batch.pdf.name, batch.pdf.storage

    output = run_transitions(batch.codes_expire_at + timedelta(hours=1))

    batch.refresh_from_db()
    assert not storage.exists(name)
    assert batch.pdf.name == ""
    assert batch.purged_at is not None
    assert "1 PDF de courriers supprimé" in output
    download = operator.get(reverse("operator:letter_download", args=[batch.pk]))
    assert download.status_code == 404
    page = operator.get(reverse("operator:wave_detail", args=[batch.wave_id])).content.decode()
    assert f"PDF supprimé le {timezone.localdate(batch.purged_at):%d/%m/%Y}" in page
    assert reverse("operator:letter_download", args=[batch.pk]) not in page
    listing = operator.get("/operateur/vagues/").content.decode()
    assert "PDF supprimé" in listing


def test_purging_again_deletes_nothing_more(operator):
    InsuredPersonFactory(without_email=True)
    launch(operator, kind="all")
    later = LetterBatch.objects.get().codes_expire_at + timedelta(days=1)

    assert letter_batches_purge(now=later) == 1
    first = LetterBatch.objects.get().purged_at
    assert letter_batches_purge(now=later + timedelta(days=1)) == 0
    assert LetterBatch.objects.get().purged_at == first
