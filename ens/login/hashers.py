"""Argon2id with the parameters of the settings (design §6, ASVS 5.0 V11.4.2).

Django's own Argon2PasswordHasher has its parameters in the code; this one reads them from
ARGON2_TIME_COST, ARGON2_MEMORY_COST_KIB and ARGON2_PARALLELISM, so that production can tune
them to its servers. Hashes made with other parameters are still verified (they carry their
own) and are rehashed with the current ones at the next successful login (Django's
`must_update`).
"""

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher


class ConfiguredArgon2PasswordHasher(Argon2PasswordHasher):
    # Same algorithm name: hashes made by Django's hasher stay readable.
    algorithm = "argon2"

    @property
    def time_cost(self) -> int:
        return settings.ARGON2_TIME_COST

    @property
    def memory_cost(self) -> int:
        return settings.ARGON2_MEMORY_COST_KIB

    @property
    def parallelism(self) -> int:
        return settings.ARGON2_PARALLELISM
