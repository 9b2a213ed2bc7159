"""`manage.py bench access_log` runs end to end with tiny sizes on PostgreSQL (no timing asserted).

PostgreSQL on 127.0.0.1:5432 is part of the production path: without it this test fails,
it is never skipped (as the rest of the suite under CI).
"""

from io import StringIO

from django.core.management import call_command

URL = "postgres://postgres@127.0.0.1:5432/ens_bench_access_test"


def test_the_access_log_benchmark_reports_rates_ratios_and_verification():
    out = StringIO()

    call_command(
        "bench",
        "access_log",
        "--appends",
        "200",
        "--verify-entries",
        "2000",
        "--postgres-url",
        URL,
        stdout=out,
    )

    text = out.getvalue()
    assert "access_record, réparti sur 4 assurés" in text
    assert "access_record, tous sur le même assuré" in text
    assert "référence : INSERT dans une table simple" in text
    assert "ratio chaîné/simple (réparti)" in text
    assert "ratio chaîné/simple (même assuré)" in text
    assert "5 chaînes, 400 entrées, 0 anomalie(s)" in text
    assert "verify_access_log" in text
    assert "2000 entrée(s) vérifiée(s)" in text
    assert "aucune entrée modifiée ni supprimée" in text
