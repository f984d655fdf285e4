"""Counts of people: numbers in words and digits (Arabic, English, French), casualty and
detention words, lists of the dead, and which count a phrase gives."""
