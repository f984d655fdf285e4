from incidents.text.language.sentences import MAX_SENTENCE_CHARS, number_sentences


def test_offsets_index_the_original_text() -> None:
    text = "  دير الزور\nقُتل اثنان أمس. وأصيب ثلاثة؟ The army said 3.5 km away!  Done."
    numbered = number_sentences(text)
    assert [s.number for s in numbered.sentences] == list(range(1, len(numbered.sentences) + 1))
    for s in numbered.sentences:
        assert text[s.start : s.end] == s.text
    assert [s.text for s in numbered.sentences] == [
        "دير الزور",
        "قُتل اثنان أمس.",
        "وأصيب ثلاثة؟",
        "The army said 3.5 km away!",
        "Done.",
    ]


def test_run_on_sentences_are_cut_at_commas() -> None:
    text = "، ".join(["كلمة"] * 400) + "."
    numbered = number_sentences(text)
    assert len(numbered.sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS + 20 for s in numbered.sentences)
    assert all(text[s.start : s.end] == s.text for s in numbered.sentences)
