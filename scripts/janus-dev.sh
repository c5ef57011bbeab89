#!/usr/bin/env bash
# A local Janus (VideoRoom only) for trying SFU rooms with Parley. Development only:
# WebSocket API on 127.0.0.1, config in a temp folder (never /etc/janus), stopped with Ctrl-C.
# Janus never gathers ICE candidates on loopback: browsers on this machine reach it
# over the machine's LAN address (set JANUS_ICE_IP to pick one; default: every non-loopback one).
set -euo pipefail
port="${JANUS_PORT:-8188}"
api_secret="${JANUS_API_SECRET:-parley-dev-api-secret}"
admin_key="${JANUS_ADMIN_KEY:-parley-dev-admin-key}"
rtp="${JANUS_RTP_RANGE:-20000-20200}"
lib="${JANUS_LIB_DIR:-/usr/lib/x86_64-linux-gnu/janus}"
bin=$(command -v janus || echo /usr/bin/janus)
[ -x "$bin" ] || { echo "janus not found: install it (Debian: apt-get install -y janus)"; exit 1; }

dir=$(mktemp -d -t parley-janus-XXXXXX)
trap 'rm -rf "$dir"' EXIT
enforce=""
[ -n "${JANUS_ICE_IP:-}" ] && enforce="ice_enforce_list = \"$JANUS_ICE_IP\""
cat >"$dir/janus.jcfg" <<CFG
general: {
  configs_folder = "$dir"
  plugins_folder = "$lib/plugins"
  transports_folder = "$lib/transports"
  events_folder = "$lib/events"
  loggers_folder = "$lib/loggers"
  debug_level = ${JANUS_DEBUG_LEVEL:-4}
  session_timeout = 60
  admin_secret = "$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  api_secret = "$api_secret"
}
media: { rtp_port_range = "$rtp" }
nat: { $enforce ignore_mdns = true }
plugins: { disable = "libjanus_audiobridge.so,libjanus_duktape.so,libjanus_echotest.so,libjanus_lua.so,libjanus_nosip.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_voicemail.so" }
transports: { disable = "libjanus_http.so,libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so" }
CFG
cat >"$dir/janus.transport.websockets.jcfg" <<CFG
general: { json = "compact" ws = true ws_port = $port ws_ip = "127.0.0.1" wss = false }
admin: { admin_ws = false admin_wss = false }
CFG
cat >"$dir/janus.plugin.videoroom.jcfg" <<CFG
general: { string_ids = true admin_key = "$admin_key" lock_rtp_forward = true }
CFG

echo "Start Parley with: JANUS_URL=ws://127.0.0.1:$port JANUS_API_SECRET=$api_secret JANUS_ADMIN_KEY=$admin_key npm start"
echo "(Janus config in $dir; RTP ports $rtp)"
"$bin" -F "$dir" -o &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
wait "$pid"
