"""`manage.py bench import` runs end to end on a small file (SQLite only, no timing asserted)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_import_benchmark_reports_rates_and_ratio(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(DJANGO_SETTINGS_MODULE="ens.settings.dev", ENS_VAR_DIR=str(tmp_path))

    result = subprocess.run(
        [sys.executable, "manage.py", "bench", "import", "--rows", "2000", "--no-postgres"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    assert "sqlite import" in result.stdout
    assert "rejetés 0" in result.stdout
    assert "ratio import/baseline" in result.stdout
