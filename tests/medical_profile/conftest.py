from tests.space.conftest import camille, christian, lea, stranger  # noqa: F401
