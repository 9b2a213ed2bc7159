from datetime import date

import pytest

from ens.accounts.models import User
from ens.registry.models import InsuredPerson

from .people import child_of, patient


@pytest.fixture
def camille(db) -> User:
    """A patient past her first visit, with no child."""
    return patient()


@pytest.fixture
def christian(db) -> User:
    """A parent (design §7): Léa is attached to him."""
    return patient("Christian", "Dupont", birth_date=date(1984, 12, 14))


@pytest.fixture
def lea(christian) -> InsuredPerson:
    return child_of(christian, "Léa")


@pytest.fixture
def stranger(db) -> User:
    return patient("Bruno", "Martin", birth_date=date(1979, 6, 2))


@pytest.fixture
def strangers_child(stranger) -> InsuredPerson:
    return child_of(stranger, "Hugo", birth_date=date(2018, 1, 9))
