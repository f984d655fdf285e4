"""Text addressed to the model rather than reported: hidden HTML, page markup, invisible and
look-alike characters, chat-template tokens, orders by phrasing and by signals."""
