from tests.space.conftest import camille, christian, lea, stranger, strangers_child  # noqa: F401
