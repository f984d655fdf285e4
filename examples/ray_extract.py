"""Extract incidents from a JSONL of articles with Ray Data, against an OpenAI-compatible server.

    pip install 'incidents[ray]'
    python examples/ray_extract.py articles.jsonl results.jsonl \
        --base-url http://127.0.0.1:8000/v1 --model qwen2.5-coder-1.5b --workers 2

On a laptop this starts a local Ray instance; ``--address ray://HEAD:10001`` (or
``RAY_ADDRESS``) runs the same on a cluster, where ``--base-url`` is a vLLM server or a load
balancer in front of several (every worker sends its requests there; ``--workers`` is how many
are in flight). The results file is ``incidents batch``'s: ``incidents export results.jsonl``
and ``incidents eval --predictions results.jsonl`` read it.
"""

from __future__ import annotations

import argparse
import os

import ray

from incidents.integrations.ray_data import ExtractIncidents, write_results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", help="JSONL of {id, text, published?, url?, title?}")
    parser.add_argument("results", help="results JSONL to write")
    parser.add_argument("--base-url", required=True, help="OpenAI-compatible /v1 endpoint")
    parser.add_argument("--model", required=True, help="model name the server serves")
    parser.add_argument("--workers", type=int, default=2, help="Ray workers (requests in flight)")
    parser.add_argument("--address", default=None, help="Ray cluster address (default: local)")
    args = parser.parse_args()

    # Keys stay in the environment: the workers read OPENAI_API_KEY from theirs.
    env = {k: v for k, v in os.environ.items() if k.startswith(("OPENAI_", "INCIDENTS_"))}
    ray.init(address=args.address, runtime_env={"env_vars": env}, include_dashboard=False)
    ray.data.DataContext.get_current().execution_options.preserve_order = True  # input order
    articles = ray.data.read_json(args.articles)
    rows = articles.map_batches(
        ExtractIncidents,
        fn_constructor_kwargs={
            "backend": "openai",
            "base_url": args.base_url,
            "model": args.model,
        },
        compute=ray.data.ActorPoolStrategy(size=args.workers),
        batch_size=8,
    )
    count = write_results(rows.iter_rows(), args.results)
    print(f"{count} articles → {args.results}")


if __name__ == "__main__":
    main()
