#!/usr/bin/env python3
"""An example Trafficlight adapter loop: Python 3, standard library only.

Run it beside a coordinator (`java -jar target/trafficlight.jar serve`):

    TRAFFICLIGHT_URL=http://127.0.0.1:5000 TRAFFICLIGHT_TYPE=element-web python3 trafficlight_client.py

It registers under a fresh UUID, long-polls for actions, performs each one through the HANDLERS
table below and answers it, and on `exit` uploads its log and stops. To drive a real client,
replace the handler functions: each gets the action's `data` and returns the answer to send.
Raise ActionFailed when the client under test misbehaves (the case fails); any other exception
means the adapter itself broke (the case ends in error).

Environment: TRAFFICLIGHT_URL (default http://127.0.0.1:5000), TRAFFICLIGHT_TYPE (default
element-web; network-proxy plays a network proxy), TRAFFICLIGHT_VERSION (optional),
TRAFFICLIGHT_LOG_DIR (default: the temp folder), TRAFFICLIGHT_CASES (how many cases to play,
default 1; 0 plays until the coordinator goes away), TRAFFICLIGHT_PROXY_ENDPOINT (the address a
network-proxy registers, default http://127.0.0.1:4040/).
For demonstrations and tests: TRAFFICLIGHT_FAIL_ACTION=<action> makes that action fail as the
client's fault, TRAFFICLIGHT_CRASH_ACTION=<action> makes it fail as the adapter's.
"""
import json
import os
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request
import uuid

URL = os.environ.get("TRAFFICLIGHT_URL", "http://127.0.0.1:5000").rstrip("/")
TYPE = os.environ.get("TRAFFICLIGHT_TYPE", "element-web")
VERSION = os.environ.get("TRAFFICLIGHT_VERSION")
CASES = int(os.environ.get("TRAFFICLIGHT_CASES", "1"))
ENDPOINT = os.environ.get("TRAFFICLIGHT_PROXY_ENDPOINT", "http://127.0.0.1:4040/")
UUID = CLIENT = LOG_FILE = TOKEN = None  # set anew for each case by new_identity()
POLL_MS = 20000  # the coordinator holds each poll open this long when it has nothing to say


class ActionFailed(Exception):
    """The client under test did not do what the action asked: the case fails."""


def log(message):
    line = f"{time.strftime('%H:%M:%S')} {message}"
    print(line, flush=True)
    with open(LOG_FILE, "a", encoding="utf-8") as f:
        f.write(line + "\n")


# --- The handlers: where a real adapter drives its client. ---------------------------------

def handle_register(data):
    log(f"would register {data.get('username')} on {data.get('homeserver_url', {}).get('local')}")
    return {"response": "registered"}


def handle_login(data):
    log(f"would log in as {data.get('username')} on {data.get('homeserver_url', {}).get('local')}")
    return {"response": "loggedin"}


def proxy_answer(word):
    """A network proxy (TRAFFICLIGHT_TYPE=network-proxy) answers with trafficlight-proxy's words."""
    def handle(data):
        log(f"would act as a network proxy with {json.dumps(data)}")
        return {"response": word}
    return handle


HANDLERS = {
    "register": handle_register,
    "login": handle_login,
    "proxyTo": proxy_answer("proxyToSet"),
    "disableEndpoint": proxy_answer("endpointDisabled"),
    "enableEndpoint": proxy_answer("endpointEnabled"),
    "waitUntilEndpointAccessed": proxy_answer("endpointAccessed"),
}


def handle_other(action, data):
    log(f"would {action} with {json.dumps(data)}")
    return {"response": "done"}


def perform(action, data):
    if action == os.environ.get("TRAFFICLIGHT_FAIL_ACTION"):
        raise ActionFailed(f"{action} failed, as TRAFFICLIGHT_FAIL_ACTION asked")
    if action == os.environ.get("TRAFFICLIGHT_CRASH_ACTION"):
        raise RuntimeError(f"{action} crashed, as TRAFFICLIGHT_CRASH_ACTION asked")
    handler = HANDLERS.get(action)
    return handler(data) if handler else handle_other(action, data)


# --- The wire. ------------------------------------------------------------------------------

def call(method, path, body=None, headers=None, timeout=10):
    """The reply's JSON, or None when the coordinator refused (4xx); connection errors raise."""
    headers = dict(headers or {})
    if TOKEN:  # the token registration returned proves on every later call that this client is itself
        headers["X-Trafficlight-Token"] = TOKEN
    request = urllib.request.Request(f"{CLIENT}/{path}", data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return json.load(reply)
    except urllib.error.HTTPError as refused:
        log(f"{method} {path} refused: {refused.code} {refused.read().decode(errors='replace')}")
        return None


def post_json(path, value):
    return call("POST", path, json.dumps(value).encode(), {"Content-Type": "application/json"})


def new_identity():
    """Each case is played under a fresh UUID, with a log of its own."""
    global UUID, CLIENT, LOG_FILE, TOKEN
    UUID = str(uuid.uuid4())
    CLIENT = f"{URL}/client/{UUID}"
    TOKEN = None
    LOG_FILE = os.path.join(os.environ.get("TRAFFICLIGHT_LOG_DIR", tempfile.gettempdir()), f"trafficlight-client-{UUID}.log")


class CoordinatorGone(Exception):
    """The coordinator cannot be reached while this client is in no case."""


def register(tries):
    """Registers (True) or is refused (False); retries while the coordinator is still starting."""
    global TOKEN
    registration = {"type": TYPE, **({"version": VERSION} if VERSION else {})}
    if TYPE == "network-proxy":
        registration["endpoint"] = ENDPOINT
    for attempt in range(tries):
        try:
            reply = post_json("register", registration)
            if reply is None:
                return False
            TOKEN = reply.get("token")
            return True
        except (urllib.error.URLError, OSError) as e:
            log(f"coordinator not reachable ({e})")
            if tries > 1:
                time.sleep(1)
    raise CoordinatorGone()


def upload(path):
    boundary = uuid.uuid4().hex
    with open(path, "rb") as f:
        content = f.read()
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{os.path.basename(path)}"\r\n'
            'Content-Type: text/plain\r\n\r\n').encode()
    body = head + content + f"\r\n--{boundary}--\r\n".encode()
    call("POST", "upload", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}, timeout=60)


def play():
    """Plays one case, until told to exit; True when it ended so, False when refused."""
    in_case = False
    while True:
        try:
            reply = call("GET", f"poll?timeout={POLL_MS}", timeout=POLL_MS / 1000 + 10)
        except (urllib.error.URLError, OSError):
            if in_case:
                raise
            raise CoordinatorGone()
        if reply is None:
            return False
        action, data, action_id = reply["action"], reply.get("data") or {}, reply.get("id")
        if action == "idle":
            continue
        if action == "exit":
            log(f"exit: {data.get('reason')}")
            upload(LOG_FILE)
            return True
        in_case = True
        try:
            answer = perform(action, data)
        except ActionFailed as e:
            log(f"{action} failed: {e}")
            post_json("error", {"error": {"type": "action", "details": str(e), "path": action}})
            continue
        except Exception:
            details = traceback.format_exc()
            log(f"{action} broke the adapter: {details}")
            post_json("error", {"error": {"type": "adapter", "details": details, "path": action}})
            continue
        log(f"{action} -> {answer}")
        post_json("respond", {**answer, "id": action_id} if action_id else answer)


def main():
    played = 0
    while CASES == 0 or played < CASES:
        new_identity()
        log(f"client {UUID} ({TYPE}) registering at {URL}")
        try:
            if not register(1 if played else 30):
                log("registration refused; giving up")
                return 1
            if not play():
                return 1
        except CoordinatorGone:
            if played:
                log(f"the coordinator has gone; played {played} cases")
                return 0
            log("could not reach the coordinator; giving up")
            return 1
        played += 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (urllib.error.URLError, OSError) as lost:
        log(f"lost the coordinator: {lost}")
        sys.exit(1)
