#!/usr/bin/env bash
# `npm test`: set up what is missing (worker, browser, deps, build), then lint, type
# check, unit + integration tests (vitest, real mediasoup worker; the store tests run on
# SQLite and again on a throwaway PostgreSQL from infra/postgres/ensure.sh) and Playwright
# e2e tests (Debian's Chromium). Ends with one summary line: "N passed, N failed".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" --for-tests
cd "$CA_ROOT"
mkdir -p test-results

# Redis for the cluster tests (several nodes): Debian's redis-server, installed when missing, on 127.0.0.1.
# If it cannot be had, this stops the run: the cluster tests never skip.
TEST_REDIS_URL="$(bash infra/redis/ensure.sh | tail -n 1)"
export TEST_REDIS_URL

step() { printf '\n=== %s ===\n' "$*"; }

step "lint"
npx eslint --max-warnings 0 .
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "prettier: run npx prettier --write . (the files above differ)" >&2; exit 1; }

step "type check"
npx tsc -b signaling server
npx tsc -p server/tsconfig.test.json
npx tsc -p client --noEmit
npx tsc -p client/tsconfig.test.json
npx tsc -p e2e --noEmit
npx tsc -p bench --noEmit

status=0
step "unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?

step "end-to-end tests (playwright, chromium)"
npx playwright test -c e2e/playwright.config.ts || status=$?

step "short soak (1 min of meetings joining and leaving; no mediasoup object, room or timer may outlive them)"
npm run bench -- --only=soak --minutes=1 --sample-seconds=10 --out=test-results || status=$?

node infra/test-summary.mjs test-results/vitest.json test-results/playwright.json
exit "$status"
