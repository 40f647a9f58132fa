"""mssnews: facts out of state-security and court-case news reports.

The names below load on first use, so that `mssnews --help` (and a Ctrl-C while it starts)
does not wait for spaCy to import."""
from typing import TYPE_CHECKING, Any

__all__ = ["analyze", "analyze_many", "Article", "__version__"]
__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from mssnews.api import analyze, analyze_many
    from mssnews.facts.models import Article


def __getattr__(name: str) -> Any:
    if name in ("analyze", "analyze_many"):
        from mssnews import api
        return getattr(api, name)
    if name == "Article":
        from mssnews.facts.models import Article
        return Article
    raise AttributeError(f"module 'mssnews' has no attribute {name!r}")
