// A case page's live part: state, outcome, the state machine's marks, roles, timeline and files.
(function () {
  "use strict";
  var T = window.Trafficlight;
  var el = T.el, fetchJson = T.fetchJson, noteNow = T.noteNow, length = T.length, agoElement = T.agoElement,
      setBadge = T.setBadge, setText = T.setText, byAttr = T.byAttr;

  function refreshCase() {
    return fetchJson(document.body.getAttribute("data-api")).then(function (c) {
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
      ["visited", "current", "reached", "ended-passed", "ended-failed", "ended-error", "ended-interrupted"].forEach(function (k) { g.classList.remove(k); });
      if (terminal) {
        if ((id === "passed" && c.state === "passed") || (id === "failed" && c.state === "failed")) g.classList.add("reached");
        return;
      }
      // A loop's rounds run as states named step#round; the picture draws the step once.
      if (c.visited_steps.some(function (v) { return v.split("#")[0] === id; })) g.classList.add("visited");
      if (c.current_step && id === c.current_step.split("#")[0]) g.classList.add(c.state === "running" ? "current" : "ended-" + c.state);
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

  T.start(refreshCase);
})();
