#!/usr/bin/env bash
# `npm start`: set up what is missing, then serve the platform on the embedded
# defaults (SQLite file, in-process Socket.io adapter, no Redis). PORT overrides 3000.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$CA_ROOT"
exec node server/dist/main.js
