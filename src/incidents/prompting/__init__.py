"""What the model is asked and what it may answer: versioned prompt files (:mod:`.prompts`)
and the output forms a prompt asks for (:mod:`.forms`), which code turns into incidents."""
