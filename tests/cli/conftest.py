from tests.web.records.conftest import tiny  # noqa: F401  (shared fixture)
