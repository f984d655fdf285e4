"""Language basics every reader shares: normalisation (Arabic and Latin), sentences,
transliteration."""
