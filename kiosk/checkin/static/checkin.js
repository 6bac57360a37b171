// The door's camera: a badge's QR code names the participant; its id is checked in at once.
// The browser's BarcodeDetector where it exists, else jsQR (vendored, see jsQR-README.md), so
// it works with no internet. Without a camera, or without JavaScript, the search box does it.
(function () {
  "use strict";
  var UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
  var REPEAT_MS = 4000; // the same badge held up longer is one check-in, not a stream of them
  var section = document.querySelector("section.scan");
  if (!section) { return; }
  var video = document.getElementById("scan-video");
  var start = document.getElementById("scan-start");
  var stop = document.getElementById("scan-stop");
  var state = document.getElementById("scan-state");
  var form = document.getElementById("scan-form");
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var stream = null, timer = null, detector = null, last = "", lastAt = 0, busy = false;

  function say(text) { state.textContent = text || ""; }

  function found(text) {
    var match = UUID.exec(text || "");
    if (!match) { say(section.dataset.notABadge); return; }
    var id = match[0].toLowerCase();
    var now = Date.now();
    if (id === last && now - lastAt < REPEAT_MS) { return; }
    last = id; lastAt = now;
    form.querySelector("input[name=participant_id]").value = id;
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }

  function withJsQR() {
    var w = video.videoWidth, h = video.videoHeight;
    if (!w || !h || typeof window.jsQR !== "function") { return Promise.resolve(null); }
    canvas.width = w; canvas.height = h;
    context.drawImage(video, 0, 0, w, h);
    var code = window.jsQR(context.getImageData(0, 0, w, h).data, w, h,
                           { inversionAttempts: "dontInvert" });
    return Promise.resolve(code ? code.data : null);
  }

  function withDetector() {
    return detector.detect(video).then(function (codes) {
      return codes.length ? codes[0].rawValue : null;
    });
  }

  function look() {
    if (busy || !stream) { return; }
    busy = true;
    (detector ? withDetector() : withJsQR()).then(function (text) {
      busy = false;
      if (text) { found(text); }
    }, function () { busy = false; detector = null; });  // a detector that fails: jsQR
  }

  function begin() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      say(section.dataset.noCamera); return;
    }
    if ("BarcodeDetector" in window) {
      try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) { detector = null; }
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false; stop.hidden = false; start.hidden = true;
        return video.play();
      })
      .then(function () { say(section.dataset.looking); timer = window.setInterval(look, 150); })
      .catch(function () { say(section.dataset.noCamera); end(); });
  }

  function end() {
    if (timer) { window.clearInterval(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
    video.hidden = true; stop.hidden = true; start.hidden = false;
  }

  start.addEventListener("click", begin);
  stop.addEventListener("click", function () { end(); say(""); });
})();
