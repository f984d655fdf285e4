"""Text utilities the rules share, free of the model: normalisation (Arabic and Latin), numbers
and casualty words, sentences, dates and date phrases, places (the offline gazetteer), actor
names (the alias table) and event cue words."""
