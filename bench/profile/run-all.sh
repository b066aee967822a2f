#!/bin/sh
# Runs every measurement one after another, on a quiet machine (npm run build first).
# Outputs go to $PROFILE_DIR (default /tmp/candor-profile). Run from the repository root.
set -e
OUT="${PROFILE_DIR:-/tmp/candor-profile}/out"
mkdir -p "$OUT"
cd bench/profile
uptime
node timing.mjs --runs=15 > "$OUT"/timing.txt 2> "$OUT"/timing.log
uptime
node profile.mjs --traces=5 --profiles=3 > "$OUT"/profile.txt 2> "$OUT"/profile.log
uptime
node quiet.mjs --runs=10 > "$OUT"/quiet.txt 2> "$OUT"/quiet.log
uptime
