import pytest


@pytest.fixture
def operator(client, staff_user):
    """A client logged in as a member of the operator's staff."""
    client.force_login(staff_user)
    return client
