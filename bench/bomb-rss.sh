#!/usr/bin/env bash
# Peak RSS and latency of `tempact serve` under decompression-bomb and many-frame requests (loopback only).
#   bash bench/bomb-rss.sh                                   # this checkout, through ./tempact (builds if needed)
#   bash bench/bomb-rss.sh --tempact "dotnet OTHER/tempact.dll"   # another build, e.g. before a change
# Options: --bombs 20 --frames 20000 --gif-frames 10000 --idle 30 --max-rss-mb 8192 (kills the server above it).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/bomb_rss.py "$@"
