"""Many articles in, one record per article out, resumable: the run (:mod:`.runner`), its
inputs (:mod:`.inputs`), the output file (:mod:`.output`), progress, summary and failure
reasons."""
