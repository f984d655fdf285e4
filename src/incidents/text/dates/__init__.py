"""Dates as news writes them: the vocabulary (``words``, from ``data/date_words.yaml``), the
stated-date patterns, the finder of an incident's date phrase, the resolver to days, ISO dates."""
