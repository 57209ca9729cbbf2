"""Where figure 1's time goes: the decoder taken apart, step by step.

    python benchmarks/decode_parts.py

Times the benchmark's 40-status page (the body of figures 1 and 1b) through
decoders that each do a little more of pytooter's work, as ratios to
``json.loads(body)``, on a grown heap as in ``run.py``. The steps are written
out here rather than imported, except the two real decoders, so each row shows
one cost:

- ``orjson.loads``: parsing alone, in C.
- ``+ walk and wrap``: every dict visited in Python and copied into an
  ``AttribAccessDict``, no value converted (the least any orjson-based decoder
  giving pytooter's results can do).
- ``+ key lookups``: also looking up, for every string value, whether its key
  needs a conversion.
- ``decode_json``: pytooter's decoder (ids, dates and counts converted).
- ``json + AttribAccessDict hook``: the standard library's scanner wrapping each
  dict in C, nothing converted (the least a standard-library decoder can do).
- ``_decode_stdlib``: pytooter's standard-library decoder.

Needs orjson (``pip install -e ".[fast]"``).
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's pytooter first

import orjson
from tootbench.data import STATUSES_PER_PAGE, build_dataset
from tootbench.timing import grow_heap

from mastodon import types
from mastodon.types import AttribAccessDict, AttribAccessList


def _walk(obj: dict[str, Any], look_up: bool) -> AttribAccessDict:
    kinds = types._KEY_KINDS
    for key, value in obj.items():
        cls = type(value)
        if cls is str:
            if look_up and value and kinds.get(key) is None:
                types._learn_key(key)
        elif cls is dict:
            obj[key] = _walk(value, look_up)
        elif cls is list:
            index = 0
            for item in value:
                if type(item) is dict:
                    value[index] = _walk(item, look_up)
                index += 1
    return AttribAccessDict(obj)


def _orjson_walk(look_up: bool) -> Callable[[bytes], Any]:
    def decode(body: bytes) -> Any:
        return AttribAccessList(_walk(item, look_up) for item in orjson.loads(body))

    return decode


def _per_call(decode: Callable[[bytes], Any], body: bytes, calls: int = 100) -> float:
    gc.collect()
    started = time.perf_counter()
    for _ in range(calls):
        decode(body)
    return (time.perf_counter() - started) / calls


def main() -> None:
    body = build_dataset(STATUSES_PER_PAGE).page_body(0, STATUSES_PER_PAGE)
    grow_heap(body)
    scan_wrapping = json.JSONDecoder(object_hook=AttribAccessDict).decode
    steps: dict[str, Callable[[bytes], Any]] = {
        "json.loads (baseline)": json.loads,
        "orjson.loads": orjson.loads,
        "+ walk and wrap": _orjson_walk(look_up=False),
        "+ key lookups": _orjson_walk(look_up=True),
        "decode_json": types._decode_orjson,
        "json + AttribAccessDict hook": lambda body: scan_wrapping(body.decode()),
        "_decode_stdlib": types._decode_stdlib,
    }
    types._orjson_loads = orjson.loads
    samples: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(15):  # interleaved, so drift hits every step alike
        for name, decode in steps.items():
            samples[name].append(_per_call(decode, body))
    baseline = statistics.median(samples["json.loads (baseline)"])
    print(f"40-status page, {len(body) / 1000:.1f} kB, Python {sys.version.split()[0]}, orjson {orjson.__version__}")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:30} {median * 1e3:6.3f} ms  {median / baseline:5.2f}x")


if __name__ == "__main__":
    main()
