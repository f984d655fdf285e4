"""Text utilities the rules share, free of the model, one package per topic: ``dates``,
``counts``, ``places``, ``actors``, ``events``, ``security`` (what is addressed to the model)
and ``language`` (normalisation, sentences, transliteration); ``candidates`` lists the places
and actors an article names, for the prompt."""
