"""Places: the offline gazetteer and its index, and the country an article is about."""
