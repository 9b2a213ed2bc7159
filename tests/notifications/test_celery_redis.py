import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_a_real_worker_on_redis_delivers_notifications():
    """Runs celery_worker_check.py in a pytest process of its own (see its docstring)."""
    env = dict(os.environ)
    if env.get("DATABASE_URL", "").startswith("postgres"):
        # Its own test database, so it never drops the one this session is using.
        env["DATABASE_URL"] += "_worker"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", str(HERE / "celery_worker_check.py")],
        cwd=HERE.parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "2 passed" in result.stdout
