"""The model side: the backend protocol, its errors and sampling settings (:mod:`.backend`), the
one transport-error classifier (:mod:`.failures`), the clients (the only package importing
openai, instructor and llama_cpp: :mod:`.clients`, with the prefix state of the embedded model),
the embedded model file (:mod:`.model_file`), the response store (:mod:`.store`) and the salvage
of truncated answers (:mod:`.salvage`)."""
