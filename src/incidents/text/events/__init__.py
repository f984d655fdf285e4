"""Event cue words and the sentences that report no event (history, habit, plans)."""
