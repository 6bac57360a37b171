// The broker lock's idle timer: after the idle time without a touch, a key or a scroll, go to
// /lock. The server enforces the same limit; this only makes the tablet lock itself visibly.
(function () {
  "use strict";
  var script = document.currentScript;
  var idleMs = parseInt(script && script.dataset.idleMs, 10);
  if (!idleMs || idleMs < 1000) { return; }
  var timer = null;
  function lockNow() { window.location.assign("/lock"); }
  function restart() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(lockNow, idleMs);
  }
  ["pointerdown", "keydown", "touchstart", "wheel"].forEach(function (name) {
    window.addEventListener(name, restart, { passive: true });
  });
  restart();
})();
