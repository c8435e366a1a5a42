#!/usr/bin/env python3
"""A Trafficlight client driver that talks to the coordinator through Matrix.

The coordinator is an ordinary Matrix user. This driver:

1. creates an unencrypted control room and invites the coordinator (it must be in the
   coordinator's ``matrix.allowed_inviters``), and waits until it has joined: anything sent
   before the coordinator's join is ignored;
2. registers, sending ``dev.trafficlight.register`` with the client's description, and learns
   its client id from the coordinator's "registered" notice;
3. long-polls ``/sync``; for every action message from the coordinator (an ``m.room.message``
   whose content carries ``dev.trafficlight.action``) it performs the action (see ``perform``)
   and answers with a ``dev.trafficlight.answer`` reply naming the ``action_id``, or a
   ``dev.trafficlight.error`` reply when the action failed;
4. stops on an ``exit`` that names its own client id.

Standard library only; the protocol is described in transports/matrix.md.

Usage:
    MATRIX_HOMESERVER=http://127.0.0.1:8008 MATRIX_USER=@driver:localhost MATRIX_TOKEN=syt_... \\
    TRAFFICLIGHT_MATRIX_USER=@trafficlight:localhost CLIENT_TYPE=element-web \\
    python3 matrix-driver.py

Instead of MATRIX_TOKEN, MATRIX_PASSWORD logs in with a password.
"""

import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

HOMESERVER = os.environ.get("MATRIX_HOMESERVER", "http://127.0.0.1:8008").rstrip("/")
USER = os.environ.get("MATRIX_USER", "@driver:localhost")
COORDINATOR = os.environ.get("TRAFFICLIGHT_MATRIX_USER", "@trafficlight:localhost")
CLIENT_TYPE = os.environ.get("CLIENT_TYPE", "example-client")

REGISTER = "dev.trafficlight.register"
ACTION = "dev.trafficlight.action"
ANSWER = "dev.trafficlight.answer"
ERROR = "dev.trafficlight.error"
RECEIPT = "dev.trafficlight.receipt"


class ActionFailed(Exception):
    """The thing under test misbehaved: reported as an action failure (the case fails)."""


def perform(action, data):
    """Does one action with the client under test; answers the response word (and extra fields).

    Replace the body with the real work. Raise ActionFailed when the client misbehaves; any
    other exception is reported as an adapter error.
    """
    print(f"performing {action} {json.dumps(data)}", flush=True)
    if action == "wait":
        time.sleep(float(data.get("time", 1000)) / 1000)
    return {"response": "done"}


def call(method, path, body=None, token=None, timeout=60):
    """One client-server API call; retries network errors, 5xx and 429 as the server asks."""
    delay = 0.5
    while True:
        request = urllib.request.Request(HOMESERVER + path, method=method)
        if token:
            request.add_header("Authorization", "Bearer " + token)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, data, timeout=timeout) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            error = json.loads(e.read() or b"{}")
            if e.code == 429:
                time.sleep(error.get("retry_after_ms", 1000) / 1000)
                continue
            if e.code < 500:
                raise RuntimeError(f"{method} {path}: {e.code} {error}") from e
        except (urllib.error.URLError, OSError) as e:
            print(f"homeserver unreachable ({e}); retrying", file=sys.stderr)
        time.sleep(delay)
        delay = min(delay * 2, 30)


def quote(part):
    return urllib.parse.quote(part, safe="")


def send(token, room, event_type, content):
    # one transaction id per event, kept across retries, so a retried send is never a duplicate
    txn = uuid.uuid4().hex
    return call("PUT", f"/_matrix/client/v3/rooms/{quote(room)}/send/{quote(event_type)}/{txn}",
                content, token)["event_id"]


def reply_to(event_id, content):
    content = dict(content)
    content["m.relates_to"] = {"m.in_reply_to": {"event_id": event_id}}
    return content


def access_token():
    if os.environ.get("MATRIX_TOKEN"):
        return os.environ["MATRIX_TOKEN"]
    localpart = USER[1:].split(":", 1)[0]
    login = call("POST", "/_matrix/client/v3/login", {
        "type": "m.login.password",
        "identifier": {"type": "m.id.user", "user": localpart},
        "password": os.environ["MATRIX_PASSWORD"],
    })
    return login["access_token"]


def sync(token, since, timeout_ms):
    query = {"timeout": str(timeout_ms)}
    if since:
        query["since"] = since
    return call("GET", "/_matrix/client/v3/sync?" + urllib.parse.urlencode(query), token=token,
                timeout=timeout_ms / 1000 + 30)


def room_events(batch, room):
    return batch.get("rooms", {}).get("join", {}).get(room, {}).get("timeline", {}).get("events", [])


def action_fields(event):
    """The structured fields of an action from the coordinator, or None for any other event."""
    content = event.get("content", {})
    if event.get("type") == "m.room.message" and isinstance(content.get(ACTION), dict):
        return content[ACTION]
    if event.get("type") == ACTION:  # the older two-event form (matrix.action_events: two)
        return content
    return None


def answer(token, room, event, fields):
    """Performs one action and answers it: a reply to the action's event that names its id as well."""
    try:
        content, event_type = perform(fields.get("action"), fields.get("data", {})), ANSWER
    except ActionFailed as e:
        content, event_type = {"error": {"type": "action", "details": str(e)}}, ERROR
    except Exception as e:  # the driver itself broke
        content, event_type = {"error": {"type": "adapter", "details": repr(e)}}, ERROR
    content["action_id"] = fields.get("action_id")
    send(token, room, event_type, reply_to(event["event_id"], content))


def main():
    token = access_token()
    since = sync(token, None, 0)["next_batch"]
    room = call("POST", "/_matrix/client/v3/createRoom",
                {"name": "trafficlight " + CLIENT_TYPE, "preset": "private_chat", "invite": [COORDINATOR]},
                token)["room_id"]
    print(f"control room {room}; waiting for {COORDINATOR} to join", flush=True)
    registration = None  # the event id of our registration, once sent
    client_id = None     # what the coordinator calls us, from its "registered" notice
    while True:
        batch = sync(token, since, 30000)
        since = batch["next_batch"]  # always continue from next_batch, whatever the batch held
        for event in room_events(batch, room):
            content = event.get("content", {})
            if (registration is None and event.get("type") == "m.room.member"
                    and event.get("state_key") == COORDINATOR and content.get("membership") == "join"):
                registration = send(token, room, REGISTER, {"type": CLIENT_TYPE, "version": "1.0"})
            if event.get("sender") != COORDINATOR:
                continue
            receipt = content.get(RECEIPT, {})
            replied_to = content.get("m.relates_to", {}).get("m.in_reply_to", {}).get("event_id")
            if receipt and replied_to == registration:
                if receipt.get("status") != "OK":
                    print("registration refused:", receipt.get("message"), flush=True)
                    sys.exit(1)
                client_id = receipt.get("uuid")
                print("registered as", client_id, flush=True)
                continue
            fields = action_fields(event)
            if fields is None or fields.get("uuid", client_id) != client_id:
                continue  # not an action, or one for an earlier registration in this room
            if fields.get("action") == "exit":
                print("exit:", fields.get("data", {}).get("reason"), flush=True)
                return
            answer(token, room, event, fields)


if __name__ == "__main__":
    main()
