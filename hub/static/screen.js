// The countdown on the stage screen, on the hub's clock: the page learns the hub's time with
// every fragment and keeps the offset between it and this browser's clock.
(function () {
  "use strict";
  var offsetMs = 0;
  var closesAt = null;

  function read() {
    var live = document.getElementById("live");
    if (!live) return;
    var hubNow = Date.parse(live.dataset.hubNow);
    if (!isNaN(hubNow)) offsetMs = hubNow - Date.now();
    var closes = Date.parse(live.dataset.closesAt);
    closesAt = isNaN(closes) ? null : closes;
    tick();
  }

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function tick() {
    var live = document.getElementById("live");
    if (!live) return;
    var out = live.querySelector(".time-left");
    var label = live.querySelector(".time-left-label");
    var closed = live.querySelector(".closed-label");
    if (closesAt === null) { out.textContent = "–"; return; }
    var left = Math.round((closesAt - (Date.now() + offsetMs)) / 1000);
    if (left <= 0) {
      out.hidden = true; label.hidden = true; closed.hidden = false;
      return;
    }
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    out.textContent = (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s);
    out.hidden = false; label.hidden = false; closed.hidden = true;
  }

  document.addEventListener("DOMContentLoaded", read);
  document.addEventListener("htmx:afterSettle", read);
  setInterval(tick, 250);
})();
