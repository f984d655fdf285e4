"""The model side: the backend protocol and its errors (:mod:`.backend`), the clients (the only
module importing openai, instructor and llama_cpp: :mod:`.clients`), the embedded model file
(:mod:`.model_file`), the response store (:mod:`.store`) and truncated-answer salvage."""
