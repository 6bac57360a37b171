// The tablet's battery, where the browser tells (navigator.getBattery: Chromium, on the
// tablet's own http://127.0.0.1 page): sent with the status bar's poll, so the kiosk can pass
// it on to the hub's device board (hub/devices/board.py). Nothing is sent where it is unknown.
(function () {
  "use strict";
  var level = null, charging = null;
  if (navigator.getBattery) {
    navigator.getBattery().then(function (battery) {
      function read() { level = Math.round(battery.level * 100); charging = battery.charging; }
      read();
      battery.addEventListener("levelchange", read);
      battery.addEventListener("chargingchange", read);
    }).catch(function () {});
  }
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.path === "/status" && level !== null) {
      event.detail.parameters.battery = level;
      event.detail.parameters.charging = charging ? "1" : "0";
    }
  });
})();
