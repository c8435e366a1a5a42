// Keeps a Trafficlight status page current. The server renders every page in full (it works
// without this script); this script listens for server-sent "change" events and refreshes what
// the page shows from the JSON API. It only ever sets textContent, never HTML, so nothing a
// client sent can become markup.
(function () {
  "use strict";
  var body = document.body;
  var page = body.getAttribute("data-page");
  var skew = 0; // server time minus local time, so "12 s ago" follows the server's clock
  var busy = false, again = false;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fetchJson(url) {
    return fetch(url, { headers: { "Accept": "application/json" }, cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error(url + " answered " + r.status);
      return r.json();
    });
  }
  function noteNow(now) { if (now) skew = Date.parse(now) - Date.now(); }
  function ago(iso) {
    var s = Math.max(0, Math.floor((Date.now() + skew - Date.parse(iso)) / 1000));
    if (s < 120) return s + " s ago";
    if (s < 7200) return Math.floor(s / 60) + " min ago";
    return Math.floor(s / 3600) + " h ago";
  }
  function length(from, to) {
    if (!from || !to) return "";
    var ms = Math.max(0, Date.parse(to) - Date.parse(from));
    if (ms < 60000) return (ms / 1000).toFixed(1) + " s";
    return Math.floor(ms / 60000) + " min " + Math.floor(ms / 1000) % 60 + " s";
  }
  function agoElement(iso) {
    if (!iso) return el("span", "muted", "never");
    var t = el("time", null, ago(iso));
    t.setAttribute("datetime", iso);
    t.setAttribute("data-ago", "");
    return t;
  }
  function setBadge(scope, state) {
    scope.querySelectorAll('[data-field="state"]').forEach(function (b) {
      b.className = "badge state-" + state;
      b.textContent = state;
    });
  }
  function setText(scope, field, text) {
    scope.querySelectorAll('[data-field="' + field + '"]').forEach(function (e) { e.textContent = text || ""; });
  }
  function byAttr(name, value) {
    return Array.prototype.filter.call(document.querySelectorAll("[" + name + "]"), function (e) {
      return e.getAttribute(name) === value;
    });
  }

  // ---- overview ----
  var STATES = ["waiting", "running", "passed", "failed", "error"];

  function refreshOverview() {
    return Promise.all([fetchJson("/api/cases"), fetchJson("/api/clients")]).then(function (docs) {
      noteNow(docs[0].now);
      var cases = docs[0].cases;
      var unknown = cases.some(function (c) { return byAttr("data-case", c.id).length === 0; });
      if (unknown) return replaceMain();
      cases.forEach(function (c) {
        byAttr("data-case", c.id).forEach(function (row) {
          setBadge(row, c.state);
          setText(row, "summary", c.summary);
          setText(row, "duration", length(c.started_at, c.ended_at));
        });
        byAttr("data-cell", c.id).forEach(function (cell) {
          cell.className = "cell state-" + c.state;
          cell.title = c.id + ": " + c.summary;
          var a = cell.querySelector("a");
          if (a) a.textContent = c.state;
        });
      });
      document.querySelectorAll("[data-counts]").forEach(function (ul) {
        var scope = ul.getAttribute("data-counts");
        STATES.forEach(function (state) {
          var n = cases.filter(function (c) { return c.state === state && (scope === "" || c.scenario === scope); }).length;
          var chip = ul.querySelector('[data-state="' + state + '"]');
          if (!chip) return;
          chip.classList.toggle("zero", n === 0);
          chip.querySelector("b").textContent = n;
        });
      });
      renderClients(docs[1].clients);
    });
  }

  function renderClients(clients) {
    var tbody = document.getElementById("clients-body");
    if (!tbody) return;
    var rows = clients.map(function (c) {
      var tr = el("tr");
      tr.setAttribute("data-client", c.uuid);
      var uuid = el("td"); uuid.appendChild(el("code", null, c.uuid)); tr.appendChild(uuid);
      tr.appendChild(el("td", "nowrap", c.type));
      tr.appendChild(el("td", null, c.version || ""));
      var fields = el("td", "fields");
      Object.keys(c.registration || {}).forEach(function (k) {
        if (k === "type" || k === "version") return;
        var v = c.registration[k];
        var text = typeof v === "string" ? v : JSON.stringify(v);
        if (text.length > 120) text = text.substring(0, 119) + "…";
        var f = el("span", "field"); f.appendChild(el("b", null, k)); f.appendChild(document.createTextNode(" " + text));
        fields.appendChild(f); fields.appendChild(document.createTextNode(" "));
      });
      tr.appendChild(fields);
      tr.appendChild(el("td", null, c.transport));
      var state = el("td");
      state.appendChild(el("span", "badge client-" + c.state, c.state.replace("_", " ")));
      if (c.state === "in_case") {
        state.appendChild(document.createTextNode(" "));
        var a = el("a", null, c["case"]); a.href = "/status/case/" + encodeURIComponent(c["case"]);
        state.appendChild(a);
        state.appendChild(document.createTextNode(" as "));
        state.appendChild(el("b", null, c.role));
      } else if (c.state === "exited" && c.exit_reason) {
        if (c["case"]) {
          var link = el("a", null, "case"); link.href = "/status/case/" + encodeURIComponent(c["case"]);
          state.appendChild(document.createTextNode(" ")); state.appendChild(link);
        }
        state.appendChild(document.createTextNode(" "));
        state.appendChild(el("span", "muted", c.exit_reason.length > 140 ? c.exit_reason.substring(0, 139) + "…" : c.exit_reason));
      }
      tr.appendChild(state);
      var poll = el("td"); poll.appendChild(agoElement(c.last_poll)); tr.appendChild(poll);
      var answer = el("td"); answer.appendChild(agoElement(c.last_answer)); tr.appendChild(answer);
      var action = el("td"); if (c.current_action) action.appendChild(el("code", null, c.current_action)); tr.appendChild(action);
      return tr;
    });
    if (rows.length === 0) {
      var none = el("tr", "none"); var td = el("td", null, "No client has registered yet."); td.colSpan = 9;
      none.appendChild(td); rows.push(none);
    }
    tbody.replaceChildren.apply(tbody, rows);
    var count = document.getElementById("client-count");
    if (count) count.textContent = clients.length;
  }

  // Something new to lay out (a scenario was added): take the server's fresh rendering of <main>.
  function replaceMain() {
    return fetch(location.href, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
      if (fresh) document.querySelector("main").replaceChildren.apply(document.querySelector("main"),
          Array.prototype.slice.call(fresh.childNodes));
    });
  }

  // ---- case page ----
  function refreshCase() {
    return fetchJson(body.getAttribute("data-api")).then(function (c) {
      noteNow(c.now);
      var head = document.querySelector(".case-head");
      setBadge(head, c.state);
      setText(head, "started", c.started_at ? c.started_at.replace("T", " ").replace(/\.\d+Z$/, "Z") : "–");
      setText(head, "ended", c.ended_at ? c.ended_at.replace("T", " ").replace(/\.\d+Z$/, "Z") : "–");
      setText(head, "duration", length(c.started_at, c.ended_at));
      var outcome = document.getElementById("outcome");
      if (outcome) {
        outcome.className = "outcome state-" + c.state;
        // a waiting case keeps the page's own headline; its reasons are the list below it
        if (c.state !== "waiting") setText(outcome, "headline", c.summary);
        var waiting = outcome.querySelector('[data-field="waiting"]');
        waiting.replaceChildren.apply(waiting, (c.state === "waiting" ? c.waiting_for : []).map(function (w) {
          return el("li", null, w);
        }));
        var box = outcome.querySelector('[data-field="error"]');
        if (box) box.replaceChildren.apply(box, errorDetails(c.error));
      }
      markMachine(c);
      document.querySelectorAll("#members-body tr").forEach(function (tr) {
        var m = c.members[tr.getAttribute("data-role")];
        var cell = tr.querySelector('[data-field="pending"]');
        cell.replaceChildren();
        if (m && m.pending_action) cell.appendChild(el("code", null, m.pending_action));
        var code = tr.querySelector("code");
        if (m && code) code.textContent = m.uuid;
      });
      renderTimeline(c);
      renderFiles(c.artifacts);
    });
  }

  function errorDetails(report) {
    if (!report) return [];
    var error = report.error || {};
    var text = function (v) { return v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v); };
    var dl = el("dl", "facts");
    [["Type", error.type], ["Path", error.path]].forEach(function (pair) {
      if (pair[1] === undefined) return;
      var d = el("div"); d.appendChild(el("dt", null, pair[0])); d.appendChild(el("dd", null, text(pair[1]))); dl.appendChild(d);
    });
    return [el("h3", null, "The client's report"), dl, el("pre", "details", report.error ? text(error.details) : text(report))];
  }

  function markMachine(c) {
    document.querySelectorAll("svg.machine .node").forEach(function (g) {
      var id = g.getAttribute("data-step");
      var terminal = g.classList.contains("terminal");
      ["visited", "current", "reached", "ended-passed", "ended-failed", "ended-error"].forEach(function (k) { g.classList.remove(k); });
      if (terminal) {
        if ((id === "passed" && c.state === "passed") || (id === "failed" && c.state === "failed")) g.classList.add("reached");
        return;
      }
      if (c.visited_steps.indexOf(id) >= 0) g.classList.add("visited");
      if (id === c.current_step) g.classList.add(c.state === "running" ? "current" : "ended-" + c.state);
    });
  }

  function offset(origin, at) {
    return "+" + ((Date.parse(at) - Date.parse(origin)) / 1000).toFixed(3) + " s";
  }

  function renderTimeline(c) {
    var tbody = document.getElementById("timeline-body");
    if (!tbody || tbody.getAttribute("data-length") === String(c.timeline.length)) return;
    var lanes = tbody.closest("table").getAttribute("data-lanes").split(",");
    var origin = c.started_at || c.created_at;
    var rows = c.timeline.map(function (e) {
      var tr = el("tr", "kind-" + e.kind);
      var time = el("td", "time", offset(origin, e.at)); time.title = e.at; tr.appendChild(time);
      tr.appendChild(el("td", null, e.step));
      var lane = e.role === null ? "coordinator" : e.role;
      lanes.forEach(function (l) {
        var td = el("td");
        if (l === lane) {
          td.appendChild(el("span", "kind", e.kind));
          td.appendChild(document.createTextNode(" "));
          if (e.name !== null) td.appendChild(el("b", null, e.name));
          if (e.text) { td.appendChild(document.createTextNode(" ")); td.appendChild(el("span", "text", e.text)); }
          // as on the server: an error's report is shown in full above the timeline
          var empty = e.kind === "error" || e.data === null
              || (typeof e.data === "object" && !Array.isArray(e.data) && Object.keys(e.data).length === 0);
          if (!empty) td.appendChild(el("pre", "data", typeof e.data === "string" ? e.data : JSON.stringify(e.data)));
        }
        tr.appendChild(td);
      });
      return tr;
    });
    tbody.replaceChildren.apply(tbody, rows);
    tbody.setAttribute("data-length", String(c.timeline.length));
  }

  function renderFiles(files) {
    var ul = document.getElementById("files");
    if (!ul) return;
    var items = files.map(function (f) {
      var li = el("li"); var a = el("a", null, f.name); a.href = f.url; a.setAttribute("download", "");
      li.appendChild(a); li.appendChild(document.createTextNode(" ")); li.appendChild(el("span", "muted", f.size + " bytes"));
      return li;
    });
    if (items.length === 0) items.push(el("li", "muted", "No files uploaded."));
    ul.replaceChildren.apply(ul, items);
  }

  // ---- wiring ----
  var refresh = page === "overview" ? refreshOverview : page === "case" ? refreshCase : null;
  if (!refresh) return;

  function update() {
    if (busy) { again = true; return; }
    busy = true;
    refresh().catch(function (e) { console.warn("status refresh failed:", e); }).then(function () {
      busy = false;
      if (again) { again = false; update(); }
    });
  }

  var live = document.getElementById("live");
  if (window.EventSource) {
    var events = new EventSource("/status/events");
    events.addEventListener("change", update);
    events.onopen = function () { live.textContent = "live"; live.className = "live on"; };
    events.onerror = function () { live.textContent = "reconnecting…"; live.className = "live off"; };
  } else {
    setInterval(update, 2000);
    live.textContent = "polling"; live.className = "live on";
  }
  setInterval(function () {
    document.querySelectorAll("time[data-ago]").forEach(function (t) { t.textContent = ago(t.getAttribute("datetime")); });
  }, 1000);
})();
