"""mssnews: facts out of state-security and court-case news reports."""
from .analyze import analyze, analyze_many
from .model import Article

__all__ = ["analyze", "analyze_many", "Article", "__version__"]
__version__ = "0.1.0"
