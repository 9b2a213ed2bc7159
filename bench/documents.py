"""Health documents: encrypted upload and download throughput, and the list of 1,000 documents.

`manage.py bench documents` works on a database and a documents folder of its own (a SQLite
file and a folder in a temporary directory, or `--postgres-url`), with the local-disk
storage and the embedded (demo) master key. It prints:
  - for 1 MB and 20 MB PDFs, the throughput (MB/s) of an upload (`document_create`: type
    check with pypdf, AES-256-GCM under a fresh key, key wrapping, write to the storage, the
    record and its access-log entry) and of a download (`document_content`: read, unwrap,
    decrypt, access-log entry), next to the raw AES-GCM encryption and decryption of
    `cryptography` and a raw disk write and read of the same bytes, in the same run, with
    the ratios;
  - the documents page of a person with 1,000 documents (served by gunicorn on 127.0.0.1,
    driven by the thread-pool load generator of bench/_http.py): requests/s, p50 and p99,
    for page 1, a name search, and a static page of the same server as the baseline. Every
    list request writes its access-log entry (a write per read, by design).
"""

import json
import os
import subprocess
import sys
import tempfile

from bench._http import HOST, ROOT, bench_database, get, gunicorn, load, server_env

PAGES = (
    ("documents, page 1", "/espace/documents/", True),
    ("recherche par nom", "/espace/documents/?q=imagerie&tri=ancien", True),
    ("page statique", "/a-propos/", False),
)


def add_arguments(parser) -> None:
    parser.add_argument("--sizes", default="1,20", help="tailles des documents en Mo")
    parser.add_argument(
        "--rounds", type=int, default=20, help="envois de 1 Mo (divisés par la taille, 3 au moins)"
    )

    parser.add_argument("--documents", type=int, default=1000, help="documents de la personne")
    parser.add_argument("--requests", type=int, default=1000, help="requêtes par page")
    parser.add_argument("--concurrency", type=int, default=8, help="clients simultanés")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument(
        "--postgres-url", default="", help="base PostgreSQL dédiée (créée si besoin)"
    )


def _service_report(out, figures: list[dict]) -> None:
    out(
        "Débits (Mo/s), même exécution, mêmes octets "
        "(lecture disque : depuis le cache du système) :\n"
    )
    out(
        f"{'taille':>8} {'envoi':>8} {'AES-GCM':>9} {'disque':>8} {'envoi/AES':>10} "
        f"{'envoi/disque':>13} | {'lecture':>8} {'AES-GCM':>9} {'disque':>8} "
        f"{'lect./AES':>10} {'lect./disque':>13}\n"
    )
    for f in figures:
        out(
            f"{f['size_mb']:>6.1f}Mo {f['upload']:8.1f} {f['encrypt']:9.1f} "
            f"{f['disk_write']:8.1f} {f['upload'] / f['encrypt']:10.3f} "
            f"{f['upload'] / f['disk_write']:13.3f} | {f['download']:8.1f} {f['decrypt']:9.1f} "
            f"{f['disk_read']:8.1f} {f['download'] / f['decrypt']:10.3f} "
            f"{f['download'] / f['disk_read']:13.3f}   ({f['rounds']} envois)\n"
        )


def run(command, *, sizes, rounds, documents, requests, concurrency, workers, postgres_url, **_):
    out = command.stdout.write
    with tempfile.TemporaryDirectory(prefix="ens-bench-documents-") as tmp:
        database_url, database = bench_database(postgres_url, tmp)
        env = server_env(database_url, ENS_VAR_DIR=tmp, DOCUMENTS_STORAGE="filesystem")
        out(
            f"Base {database}, stockage disque local chiffré ({tmp}) ; mesures des services, "
            f"puis {documents} documents pour la personne...\n"
        )
        setup = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-m", "bench._documents_setup", sizes, str(rounds), str(documents)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(setup.stdout.strip().splitlines()[-1])
        _service_report(out, result["service"])
        cookie = f"sessionid={result['cookie']}"
        with gunicorn(env, workers, wait_path="/a-propos/") as port:
            status, _, body = get(port, PAGES[0][1], cookie)
            expected = f"{documents} documents.".encode()
            if status != 200 or expected not in body:
                raise RuntimeError(f"la liste des documents ne s'affiche pas (HTTP {status})")
            out(
                f"gunicorn {workers} workers sur {HOST}:{port} ; {requests} requêtes par page, "
                f"{concurrency} clients simultanés (générateur Python sur la même machine).\n"
            )
            results = {}
            for label, path, logged_in in PAGES:
                session = cookie if logged_in else ""
                load(port, path, session, min(100, requests), concurrency)  # warm-up
                results[path] = figures = load(port, path, session, requests, concurrency)
                out(
                    f"{label:<20} {figures['rps']:8.1f} req/s   p50 {figures['p50']:6.1f} ms   "
                    f"p99 {figures['p99']:6.1f} ms   erreurs {figures['errors']}\n"
                )
        ratio = results[PAGES[0][1]]["rps"] / results["/a-propos/"]["rps"]
        out(f"Ratio liste de {documents} documents / page statique : {ratio:.2f} (débit)\n")
