// The public count on guests' phones and the MC's view: light polling, countdown on the hub's
// clock (from the "now" the hub sends), and the last figures stay up if the hub is unreachable.
(function () {
  "use strict";
  var offsetMs = 0;

  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function learn(nowIso) {
    var hub = Date.parse(nowIso);
    if (!isNaN(hub)) offsetMs = hub - Date.now();
  }

  function countdown(root) {
    var out = root.querySelector("[data-field=left]");
    if (!out) return;
    var phase = root.dataset.phase;
    var target = Date.parse(phase === "before" ? root.dataset.opensAt : root.dataset.closesAt);
    if (phase === "after" || isNaN(target)) { out.textContent = "–"; return; }
    var left = Math.ceil((target - Date.now() - offsetMs) / 1000);
    if (left <= 0) { out.textContent = phase === "during" ? root.dataset.timeUp : "0:00"; return; }
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    out.textContent = (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s);
  }

  function showPhase(root) {
    var parts = root.querySelectorAll("[data-when]");
    for (var i = 0; i < parts.length; i++) parts[i].hidden = parts[i].dataset.when !== root.dataset.phase;
  }

  function publicPage(root) {
    learn(root.dataset.now);
    showPhase(root);
    function refresh() {
      // "no-cache" revalidates with the ETag: an unchanged count costs the hub a 304.
      fetch(root.dataset.jsonUrl, { cache: "no-cache" })
        .then(function (r) {
          if (!r.ok) throw new Error(String(r.status));
          var hubTime = Number(r.headers.get("X-Hub-Time"));
          if (hubTime > 0) offsetMs = hubTime - Date.now();
          return r.json();
        })
        .then(function (f) {
          root.dataset.phase = f.phase;
          root.dataset.opensAt = f.opens_at || "";
          root.dataset.closesAt = f.closes_at || "";
          var fields = { deals: f.deals, target: f.target, record: f.record };
          Object.keys(fields).forEach(function (k) {
            var el = root.querySelector("[data-field=" + k + "]");
            if (el && fields[k] !== null && fields[k] !== undefined) el.textContent = String(fields[k]);
          });
          showPhase(root);
        })
        .catch(function () { /* keep the last figures; try again on the next round */ })
        .then(function () { setTimeout(refresh, 4000); });
    }
    setTimeout(refresh, 4000);
    setInterval(function () { countdown(root); }, 500);
    countdown(root);
  }

  function mcPage(page) {
    function current() { return document.getElementById("mc"); }
    learn(current().dataset.now);
    function refresh() {
      var url = page.dataset.liveUrl + "?v=" + encodeURIComponent(current().dataset.version);
      fetch(url, { cache: "no-store", credentials: "same-origin" })
        .then(function (r) {
          if (r.status === 204) return null;
          if (!r.ok || r.redirected) throw new Error(String(r.status));
          return r.text();
        })
        .then(function (html) {
          if (!html) return;
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("#mc");
          if (fresh) { current().replaceWith(fresh); learn(fresh.dataset.now); countdown(fresh); }
        })
        .catch(function () {})
        .then(function () { setTimeout(refresh, 1500); });
    }
    setTimeout(refresh, 1500);
    setInterval(function () { countdown(current()); }, 500);
    countdown(current());
  }

  document.addEventListener("DOMContentLoaded", function () {
    var pub = document.getElementById("public");
    if (pub) publicPage(pub);
    var mc = document.getElementById("mc-page");
    if (mc) mcPage(mc);
  });
})();
