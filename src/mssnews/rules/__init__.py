"""Rule data and its loader: the pattern files (one JSON Lines file per fact kind, beside
this module), their validation, and the word lists read from well-kept libraries."""
