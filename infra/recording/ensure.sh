#!/usr/bin/env bash
# Server-side meeting recording needs ffmpeg (and its ffprobe) from Debian's packages: the server starts
# one ffmpeg per recorded track (RTP in from a mediasoup PlainTransport, `-c copy` into a file) and one
# per finished recording to compose the single video. Safe to run every time; prints ffmpeg's path.
#
#   bash infra/recording/ensure.sh
set -euo pipefail
if ! command -v ffmpeg >/dev/null || ! command -v ffprobe >/dev/null; then
  sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  printf '[setup] installing system package: ffmpeg\n' >&2
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends ffmpeg >&2
fi
command -v ffmpeg
