import os
import tempfile

import pytest

# The derived-data cache of this test session (and of the CLI runs it starts) is its own, not
# the user's ~/.cache/mssnews (rules/datacache.py).
os.environ["MSSNEWS_CACHE_DIR"] = tempfile.mkdtemp(prefix="mssnews-test-cache-")

from mssnews import analyze  # noqa: E402


@pytest.fixture(scope="session")
def run():
    """analyze() with the default pipeline, built once for the whole test session."""
    return lambda text: analyze(text, source="test.txt")


def span_of(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """(start, end) of the nth occurrence of phrase in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)
