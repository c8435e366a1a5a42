// Keeps a Trafficlight status page current. The server renders every page in full (it works
// without scripts); this file listens for server-sent "change" events and has the page's own
// script (overview.js or case.js) refresh what it shows from the JSON API. Scripts here only
// ever set textContent, never HTML, so nothing a client sent can become markup.
window.Trafficlight = (function () {
  "use strict";
  var skew = 0; // server time minus local time, so "12 s ago" follows the server's clock

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

  /**
   * Runs refresh() whenever the server says something changed, never two at once; and every
   * periodMs as well if given, for what changes without an event (a client's last poll).
   */
  function start(refresh, periodMs) {
    // at most one refresh a second: a big run's documents are large and its events many
    var busy = false, again = false, last = 0, MIN_GAP_MS = 1000;
    function update() {
      if (busy) { again = true; return; }
      var wait = last + MIN_GAP_MS - Date.now();
      busy = true;
      if (wait > 0) { setTimeout(function () { busy = false; update(); }, wait); return; }
      again = false;
      last = Date.now();
      refresh().catch(function (e) { console.warn("status refresh failed:", e); }).then(function () {
        busy = false;
        if (again) update();
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
    if (periodMs) setInterval(update, periodMs);
    setInterval(function () {
      document.querySelectorAll("time[data-ago]").forEach(function (t) { t.textContent = ago(t.getAttribute("datetime")); });
    }, 1000);
  }

  return { el: el, fetchJson: fetchJson, noteNow: noteNow, ago: ago, length: length, agoElement: agoElement,
    setBadge: setBadge, setText: setText, byAttr: byAttr, start: start };
})();
