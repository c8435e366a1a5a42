// The overview's live part: case states, counts, matrix cells and the clients table, from the JSON API.
(function () {
  "use strict";
  var T = window.Trafficlight;
  var el = T.el, fetchJson = T.fetchJson, noteNow = T.noteNow, length = T.length, agoElement = T.agoElement,
      setBadge = T.setBadge, setText = T.setText, byAttr = T.byAttr;

  var STATES = ["waiting", "running", "passed", "failed", "error", "interrupted"];
  var CLIENT_ROWS = 100;

  function refreshOverview() {
    return Promise.all([fetchJson("/api/cases"), fetchJson("/api/clients?limit=" + CLIENT_ROWS)]).then(function (docs) {
      noteNow(docs[0].now);
      var cases = docs[0].cases;
      // a page shows some of the scenarios and the most telling cases of each: re-lay-out only when a
      // scenario appears that this page would show, i.e. when there are more scenarios than before
      var scenarios = {};
      cases.forEach(function (c) { scenarios[c.scenario] = true; });
      if (Object.keys(scenarios).length > document.querySelectorAll("[data-scenario]").length
          && !document.querySelector("[data-paged]")) return replaceMain();
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
      renderClients(docs[1].clients, docs[1].total);
    });
  }

  function renderClients(clients, total) {
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
        // as on the server: the reason starts by naming the case; the link names it instead
        var rest = c.exit_reason;
        if (c["case"]) {
          var prefix = "case " + c["case"] + " ";
          if (rest.indexOf(prefix) === 0) rest = rest.substring(prefix.length);
          var link = el("a", null, c["case"]); link.href = "/status/case/" + encodeURIComponent(c["case"]);
          state.appendChild(document.createTextNode(" ")); state.appendChild(link);
        }
        state.appendChild(document.createTextNode(" "));
        state.appendChild(el("span", "muted", rest.length > 140 ? rest.substring(0, 139) + "…" : rest));
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
    if (total > clients.length) {
      var more = el("tr", "more"); var cell = el("td", "muted", (total - clients.length)
          + " more clients, idle or exited: all are listed at the JSON API, /api/clients."); cell.colSpan = 9;
      more.appendChild(cell); rows.push(more);
      tbody.replaceChildren.apply(tbody, rows);
    }
    var count = document.getElementById("client-count");
    if (count) count.textContent = total;
  }

  // Something new to lay out (a scenario was added): take the server's fresh rendering of <main>.
  function replaceMain() {
    return fetch(location.href, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
      if (fresh) document.querySelector("main").replaceChildren.apply(document.querySelector("main"),
          Array.prototype.slice.call(fresh.childNodes));
    });
  }

  // polls are not events, so the clients' "last poll" is fetched every few seconds too
  T.start(refreshOverview, 5000);
})();
