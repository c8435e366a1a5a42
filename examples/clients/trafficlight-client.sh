#!/usr/bin/env bash
# An example Trafficlight adapter loop: bash, curl (7.76+) and jq.
#
# Run it beside a coordinator (`java -jar target/trafficlight.jar serve`):
#
#   TRAFFICLIGHT_URL=http://127.0.0.1:5000 TRAFFICLIGHT_TYPE=element-web ./trafficlight-client.sh
#
# It registers under a fresh UUID, long-polls for actions, performs each one through `perform`
# (the table of handlers below) and answers it, and on `exit` uploads its log and stops. To drive
# a real client, replace the handler functions: each gets the action's name and data (JSON) and
# prints the answer (JSON) on stdout. Return $ACTION_FAILED when the client under test misbehaves
# (the case fails); any other non-zero status means the adapter itself broke (the case errors).
#
# Environment: TRAFFICLIGHT_URL (default http://127.0.0.1:5000), TRAFFICLIGHT_TYPE (default
# element-web; network-proxy plays a network proxy), TRAFFICLIGHT_VERSION (optional),
# TRAFFICLIGHT_LOG_DIR (default: the temp folder), TRAFFICLIGHT_CASES (how many cases to play,
# default 1; 0 plays until the coordinator goes away), TRAFFICLIGHT_PROXY_ENDPOINT (the address a
# network-proxy registers, default http://127.0.0.1:4040/).
# For demonstrations and tests: TRAFFICLIGHT_FAIL_ACTION=<action> makes that action fail as the
# client's fault, TRAFFICLIGHT_CRASH_ACTION=<action> makes it fail as the adapter's.
set -uo pipefail

URL=${TRAFFICLIGHT_URL:-http://127.0.0.1:5000}
URL=${URL%/}
TYPE=${TRAFFICLIGHT_TYPE:-element-web}
VERSION=${TRAFFICLIGHT_VERSION:-}
CASES=${TRAFFICLIGHT_CASES:-1}
ENDPOINT=${TRAFFICLIGHT_PROXY_ENDPOINT:-http://127.0.0.1:4040/}
POLL_MS=20000      # the coordinator holds each poll open this long when it has nothing to say
ACTION_FAILED=3    # a handler's status meaning "the client under test misbehaved"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$LOG_FILE" >&2; }

# --- The handlers: where a real adapter drives its client. ----------------------------------

handle_register() {
  log "would register $(jq -r .username <<<"$2") on $(jq -r .homeserver_url.local <<<"$2")"
  echo '{"response": "registered"}'
}

handle_login() {
  log "would log in as $(jq -r .username <<<"$2") on $(jq -r .homeserver_url.local <<<"$2")"
  echo '{"response": "loggedin"}'
}

# A network proxy (TRAFFICLIGHT_TYPE=network-proxy) answers with trafficlight-proxy's words.
handle_proxy() {
  log "would $1 with $2"
  case $1 in
    proxyTo) echo '{"response": "proxyToSet"}' ;;
    disableEndpoint) echo '{"response": "endpointDisabled"}' ;;
    enableEndpoint) echo '{"response": "endpointEnabled"}' ;;
    waitUntilEndpointAccessed) echo '{"response": "endpointAccessed"}' ;;
  esac
}

handle_other() {
  log "would $1 with $2"
  echo '{"response": "done"}'
}

perform() {  # perform ACTION DATA: prints the answer
  if [ "$1" = "${TRAFFICLIGHT_FAIL_ACTION:-}" ]; then log "$1 fails, as TRAFFICLIGHT_FAIL_ACTION asked"; return $ACTION_FAILED; fi
  if [ "$1" = "${TRAFFICLIGHT_CRASH_ACTION:-}" ]; then log "$1 crashes, as TRAFFICLIGHT_CRASH_ACTION asked"; return 1; fi
  case $1 in
    register) handle_register "$@" ;;
    login)    handle_login "$@" ;;
    proxyTo|disableEndpoint|enableEndpoint|waitUntilEndpointAccessed) handle_proxy "$@" ;;
    *)        handle_other "$@" ;;
  esac
}

# --- The wire. -------------------------------------------------------------------------------

# call METHOD PATH [curl options]: prints the reply; status 22 when refused (4xx), other
# non-zero statuses when the coordinator cannot be reached.
call() {
  local method=$1 path=$2 reply status
  shift 2
  # the token registration returned proves on every later call that this client is itself
  reply=$(curl -sS --fail-with-body --max-time 60 -X "$method" "$CLIENT/$path" \
    ${TOKEN:+-H "X-Trafficlight-Token: $TOKEN"} "$@")
  status=$?
  [ $status -eq 22 ] && log "$method $path refused: $reply"
  [ $status -eq 0 ] && printf '%s' "$reply"
  return $status
}

post_json() { call POST "$1" -H 'Content-Type: application/json' --data-binary "$2"; }

new_identity() {  # each case is played under a fresh UUID, with a log of its own
  UUID=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen | tr 'A-Z' 'a-z')
  CLIENT=$URL/client/$UUID
  TOKEN=
  LOG_FILE=${TRAFFICLIGHT_LOG_DIR:-${TMPDIR:-/tmp}}/trafficlight-client-$UUID.log
}

register() {  # register TRIES: 0 registered, 1 refused, 2 not reachable (retried while the coordinator starts)
  local registration status reply
  registration=$(jq -cn --arg type "$TYPE" --arg version "$VERSION" --arg endpoint "$ENDPOINT" \
    '{type: $type} + (if $version == "" then {} else {version: $version} end)
     + (if $type == "network-proxy" then {endpoint: $endpoint} else {} end)')
  for _ in $(seq "$1"); do
    reply=$(post_json register "$registration")
    status=$?
    [ $status -eq 0 ] && { TOKEN=$(jq -r '.token // empty' <<<"$reply"); return 0; }
    [ $status -eq 22 ] && return 1
    log "coordinator not reachable"
    [ "$1" -gt 1 ] && sleep 1
  done
  return 2
}

report_error() {  # report_error TYPE DETAILS PATH
  post_json error "$(jq -cn --arg type "$1" --arg details "$2" --arg path "$3" \
    '{error: {type: $type, details: $details, path: $path}}')" >/dev/null
}

play() {  # plays one case: 0 when told to exit, 1 when the coordinator is lost in a case, 2 before one
  local reply action data id answer status in_case=0
  while true; do
    reply=$(call GET "poll?timeout=$POLL_MS") || return $(( in_case ? 1 : 2 ))
    action=$(jq -r .action <<<"$reply")
    data=$(jq -c '.data // {}' <<<"$reply")
    id=$(jq -r '.id // ""' <<<"$reply")
    case $action in
      idle) continue ;;
      exit)
        log "exit: $(jq -r .reason <<<"$data")"
        call POST upload -F "file=@$LOG_FILE;type=text/plain" >/dev/null
        return 0 ;;
    esac
    in_case=1
    answer=$(perform "$action" "$data")
    status=$?
    if [ $status -eq $ACTION_FAILED ]; then
      report_error action "$action failed: the client did not do it; see the log" "$action"
    elif [ $status -ne 0 ]; then
      report_error adapter "the handler for $action failed with status $status; see the log" "$action"
    else
      log "$action -> $answer"
      post_json respond "$(jq -c --arg id "$id" 'if $id == "" then . else . + {id: $id} end' <<<"$answer")" >/dev/null
    fi
  done
}

played=0
while true; do
  new_identity
  log "client $UUID ($TYPE) registering at $URL"
  register $(( played ? 1 : 30 ))
  status=$?
  if [ $status -eq 2 ] && [ $played -gt 0 ]; then log "the coordinator has gone; played $played cases"; exit 0; fi
  [ $status -ne 0 ] && { log "could not register; giving up"; exit 1; }
  play
  status=$?
  if [ $status -eq 2 ] && [ $played -gt 0 ]; then log "the coordinator has gone; played $played cases"; exit 0; fi
  [ $status -ne 0 ] && { log "lost the coordinator"; exit 1; }
  played=$((played + 1))
  [ "$CASES" -ne 0 ] && [ $played -ge "$CASES" ] && exit 0
done
