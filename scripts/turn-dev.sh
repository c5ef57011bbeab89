#!/usr/bin/env bash
# A local coturn for trying TURN with Parley (development only: plain UDP/TCP on loopback).
set -euo pipefail
secret="${TURN_SECRET:-parley-dev-secret}"
port="${TURN_PORT:-3478}"
bin=$(command -v turnserver || echo /usr/bin/turnserver)
[ -x "$bin" ] || { echo "turnserver not found: install coturn (Debian: apt-get install -y coturn)"; exit 1; }
echo "Start Parley with: TURN_URLS=turn:127.0.0.1:$port TURN_SECRET=$secret npm start"
echo "(open a room with ?relay=only to force every connection through this relay)"
exec "$bin" -n --listening-ip=127.0.0.1 --relay-ip=127.0.0.1 --listening-port="$port" \
  --min-port=49160 --max-port=49260 --use-auth-secret --static-auth-secret="$secret" \
  --realm=parley.local --no-tls --no-dtls --no-cli --allow-loopback-peers --fingerprint \
  --log-file=stdout --simple-log
