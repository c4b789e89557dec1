import pytest


@pytest.fixture(autouse=True)
def _no_throttle_unless_asked(settings):
    """The rate limit is tested on its own; other tests make as many requests as they need."""
    settings.API_THROTTLE = 0
