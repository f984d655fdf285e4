"""Actors: the alias table of names, group and force words, demonyms, and the role reader
(who did what to whom)."""
