"""Continuous batching for the embedded model: several articles decoded together.

Decoding on a CPU is bound by reading the weights; one forward pass for four sequences reads
them once, so it costs little more than a pass for one. llama-cpp-python's ``Llama`` runs one
sequence at a time, so this module drives llama.cpp directly, on a context of its own over the
same loaded weights:

* sequence 0 holds the prompt's fixed prefix (system text, few-shot turns), evaluated once, or
  loaded from its saved state (:mod:`.prefix_state`); each request's sequence starts as a copy
  of it (llama.cpp shares the KV cells, nothing is copied) and evaluates only the article;
* each step puts one token of every decoding request and the next chunk of any new request's
  prompt into one ``llama_batch``, so a new article joins while others are being decoded;
* each request picks its tokens greedily under its own grammar (:mod:`.greedy_grammar`).

With one request in flight this evaluates and decodes exactly what ``Llama.generate`` does
(the prompt in chunks of ``n_batch``, then one token per pass) and gives the same answer.
"""

from __future__ import annotations

import ctypes
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from incidents.model.clients.greedy_grammar import GreedyGrammar
from incidents.model.clients.llama_binding import ModelHandles

N_BATCH = 512  # tokens per forward pass: benchmarks/threads.py found no gain in other sizes
PREFIX_SEQ = 0


@dataclass
class DecodeRequest:
    """One completion: the prompt's tokens, the part of them every article of the prompt
    shares, the grammar (GBNF text and root rule) and the token budget; filled in by the
    decoder."""

    tokens: list[int]
    prefix: list[int]
    grammar: tuple[str, str] | None
    max_tokens: int
    completion: list[int] = field(default_factory=list)
    finish_reason: str = ""
    evaluated: int = 0  # prompt tokens evaluated for this request (the prefix too, if it was)
    prefix_state: str = "skipped"  # reused | loaded | saved | evaluated | skipped
    # time.perf_counter() when the request sampled its first token, and when it finished
    first_token_at: float = 0.0
    finished_at: float = 0.0
    full_masks: int = 0  # tokens the grammar had to pick from the whole vocabulary
    sampled_at: list[float] = field(default_factory=list)  # perf_counter() of each token
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


@dataclass
class _Slot:
    seq: int
    request: DecodeRequest
    pending: list[int]  # prompt tokens still to evaluate
    position: int  # position of the next token in the sequence
    grammar: GreedyGrammar | None
    last: int = -1  # the token sampled last, evaluated in the next pass


class DecoderError(RuntimeError):
    """llama.cpp refused a batch (no room left in the context, or an internal error)."""


class BatchDecoder:
    """A llama.cpp context with ``slots`` sequences besides the prefix, and the thread that
    decodes them. Requests from any thread; one forward pass at a time."""

    def __init__(
        self,
        handles: ModelHandles,
        *,
        base_params: Any,
        slots: int,
        n_ctx: int,
        n_threads: int,
        state_file: Callable[[list[int]], Path | None],
    ) -> None:
        import llama_cpp

        self._llama_cpp = llama_cpp
        self.slots = slots
        self.n_ctx = n_ctx  # per request: prompt and answer
        # llama-cpp-python's own settings (no flash attention on the CPU, its RoPE scaling), so
        # that one request alone is computed exactly as Llama.generate computes it.
        params = type(base_params).from_buffer_copy(base_params)
        params.n_ctx = n_ctx * slots
        params.n_batch = N_BATCH
        params.n_ubatch = N_BATCH
        params.n_seq_max = slots + 1
        params.n_threads = n_threads
        params.n_threads_batch = n_threads
        params.kv_unified = True  # one cache: a request's sequence shares the prefix's cells
        params.no_perf = False  # llama.cpp's timers: the benchmarks and tests read them
        self._ctx = llama_cpp.llama_init_from_model(handles.model, params)
        if not self._ctx:
            raise DecoderError(f"llama.cpp could not make a context of {params.n_ctx} tokens")
        self._memory = llama_cpp.llama_get_memory(self._ctx)
        self._vocab = handles.vocab
        self._n_vocab = llama_cpp.llama_vocab_n_tokens(handles.vocab)
        self._batch = llama_cpp.llama_batch_init(N_BATCH, 0, 1)
        self._state_file = state_file
        self._prefix: list[int] = []
        self.passes = 0  # forward passes so far: fewer than the tokens decoded when they overlap
        self._queue: queue.Queue[DecodeRequest] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="incidents-decoder", daemon=True)
        self._thread.start()

    def decode(self, request: DecodeRequest) -> DecodeRequest:
        """Decode ``request`` (blocking the calling thread until it is done)."""
        self._queue.put(request)
        request.done.wait()
        if request.error is not None:
            raise request.error
        return request

    def reset_counters(self) -> None:
        self._llama_cpp.llama_perf_context_reset(self._ctx)

    # ------------------------------------------------------------------ the decoding thread

    def _run(self) -> None:
        active: list[_Slot] = []
        while True:
            if not active:
                active.append(self._admit(self._queue.get(), active))
            while len(active) < self.slots:
                try:
                    active.append(self._admit(self._queue.get_nowait(), active))
                except queue.Empty:
                    break
            active = [slot for slot in active if not slot.request.done.is_set()]  # refused
            if not active:
                continue
            try:
                self._step(active)
            except Exception as error:  # handed to every waiting caller
                for slot in active:
                    self._finish(slot, "error", error)
            active = [slot for slot in active if not slot.request.done.is_set()]

    def _admit(self, request: DecodeRequest, active: list[_Slot]) -> _Slot:
        llama_cpp = self._llama_cpp
        used = {slot.seq for slot in active}
        seq = next(s for s in range(1, self.slots + 1) if s not in used)
        slot = _Slot(seq, request, [], 0, None)
        try:
            if len(request.tokens) + request.max_tokens > self.n_ctx:
                raise DecoderError(
                    f"the prompt ({len(request.tokens)} tokens) and its answer (up to "
                    f"{request.max_tokens}) do not fit the context of {self.n_ctx} tokens"
                )
            shared = self._hold_prefix(request)
            llama_cpp.llama_memory_seq_rm(self._memory, seq, -1, -1)
            if shared:
                llama_cpp.llama_memory_seq_cp(self._memory, PREFIX_SEQ, seq, 0, shared)
            slot.pending = request.tokens[shared:]
            slot.position = shared
            request.evaluated += len(slot.pending)
            if request.grammar is not None:
                text, root = request.grammar
                slot.grammar = GreedyGrammar(self._vocab, text, root, self._n_vocab)
        except Exception as error:  # handed to the caller
            self._finish(slot, "error", error)
        return slot

    def _hold_prefix(self, request: DecodeRequest) -> int:
        """Make sequence 0 hold the request's prefix; how many of its tokens it shares."""
        prefix = request.prefix[: len(request.tokens) - 1]  # the last prompt token gives logits
        if len(prefix) < 2:
            request.prefix_state = "skipped"
            return 0
        if prefix == self._prefix:
            request.prefix_state = "reused"
            return len(prefix)
        llama_cpp = self._llama_cpp
        llama_cpp.llama_memory_seq_rm(self._memory, PREFIX_SEQ, -1, -1)
        self._prefix = []
        path = self._state_file(prefix)
        if path is not None and path.is_file() and self._load(path, prefix):
            request.prefix_state = "loaded"
        else:
            self._evaluate(prefix, PREFIX_SEQ)
            request.evaluated += len(prefix)
            saved = path is not None and self._save(path, prefix)
            request.prefix_state = "saved" if saved else "evaluated"
        self._prefix = prefix
        return len(prefix)

    def _evaluate(self, tokens: list[int], seq: int) -> None:
        for start in range(0, len(tokens), N_BATCH):
            self._clear()
            for offset, token in enumerate(tokens[start : start + N_BATCH]):
                self._add(token, start + offset, seq, logits=False)
            self._decode()

    def _load(self, path: Path, prefix: list[int]) -> bool:
        llama_cpp = self._llama_cpp
        loaded = (llama_cpp.llama_token * len(prefix))()
        count = ctypes.c_size_t(0)
        read = llama_cpp.llama_state_seq_load_file(
            self._ctx, str(path).encode(), PREFIX_SEQ, loaded, len(prefix), ctypes.byref(count)
        )
        if read and list(loaded[: count.value]) == prefix:
            return True
        llama_cpp.llama_memory_seq_rm(self._memory, PREFIX_SEQ, -1, -1)  # stale or foreign
        return False

    def _save(self, path: Path, prefix: list[int]) -> bool:
        import os

        llama_cpp = self._llama_cpp
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        array = (llama_cpp.llama_token * len(prefix))(*prefix)
        if llama_cpp.llama_state_seq_save_file(
            self._ctx, str(partial).encode(), PREFIX_SEQ, array, len(prefix)
        ):
            os.replace(partial, path)  # atomic: a reader never sees half a file
            return True
        partial.unlink(missing_ok=True)
        return False

    def _step(self, active: list[_Slot]) -> None:
        """One forward pass: a token of every decoding slot, then prompt chunks of new ones."""
        self._clear()
        outputs: list[tuple[_Slot, int]] = []
        room = N_BATCH
        for slot in active:
            if not slot.pending:
                outputs.append((slot, self._batch.n_tokens))
                self._add(slot.last, slot.position, slot.seq, logits=True)
                slot.position += 1
                room -= 1
        for slot in active:
            if slot.pending and room > 0:
                chunk, slot.pending = slot.pending[:room], slot.pending[room:]
                for index, token in enumerate(chunk):
                    last = not slot.pending and index == len(chunk) - 1
                    if last:
                        outputs.append((slot, self._batch.n_tokens))
                    self._add(token, slot.position, slot.seq, logits=last)
                    slot.position += 1
                room -= len(chunk)
        self._decode()
        for slot, index in outputs:
            self._next_token(slot, index)

    def _next_token(self, slot: _Slot, index: int) -> None:
        llama_cpp = self._llama_cpp
        logits = llama_cpp.llama_get_logits_ith(self._ctx, index)
        if slot.grammar is not None:
            token = slot.grammar.choose(logits)
        else:
            token = int(np.argmax(np.ctypeslib.as_array(logits, shape=(self._n_vocab,))))
        request = slot.request
        request.sampled_at.append(time.perf_counter())
        if not request.first_token_at:
            request.first_token_at = request.sampled_at[0]
        if llama_cpp.llama_vocab_is_eog(self._vocab, token):
            self._finish(slot, "stop")
            return
        request.completion.append(token)
        slot.last = token
        if len(request.completion) >= request.max_tokens:
            self._finish(slot, "length")

    def _finish(self, slot: _Slot, reason: str, error: BaseException | None = None) -> None:
        slot.request.finish_reason = reason
        slot.request.finished_at = time.perf_counter()
        slot.request.error = error
        if slot.grammar is not None:
            slot.request.full_masks = slot.grammar.full_masks
            slot.grammar.close()
        self._llama_cpp.llama_memory_seq_rm(self._memory, slot.seq, -1, -1)
        slot.request.done.set()

    # ------------------------------------------------------------------ llama_batch

    def _clear(self) -> None:
        self._batch.n_tokens = 0

    def _add(self, token: int, position: int, seq: int, *, logits: bool) -> None:
        i = self._batch.n_tokens
        self._batch.token[i] = token
        self._batch.pos[i] = position
        self._batch.n_seq_id[i] = 1
        self._batch.seq_id[i][0] = seq
        self._batch.logits[i] = logits
        self._batch.n_tokens = i + 1

    def _decode(self) -> None:
        self.passes += 1
        status = self._llama_cpp.llama_decode(self._ctx, self._batch)
        if status != 0:
            raise DecoderError(
                f"llama.cpp could not decode a batch (status {status}): "
                "the articles in flight do not fit the context"
            )

    def counters(self) -> Any:
        """llama.cpp's timers and counters since :meth:`reset_counters`: ``n_p_eval`` and
        ``t_p_eval_ms`` for passes of more than one token (prompt evaluation), ``n_eval`` and
        ``t_eval_ms`` for passes of one token (decoding)."""
        return self._llama_cpp.llama_perf_context(self._ctx)

    def prompt_tokens_evaluated(self) -> int:
        """llama.cpp's count of prompt tokens evaluated since :meth:`reset_counters`."""
        return int(self.counters().n_p_eval)
