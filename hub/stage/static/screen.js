// The stage screen: keeps the board fresh, counts down on the hub's clock, strikes the gong.
//
// It polls /screen/live?v=KEY; the hub answers 204 while nothing changed and the new board
// (server-rendered, escaped HTML) when it did. While a /screen/events stream is open (the hub
// allows only a few), the stream rings as soon as the key changes and polling slows to a
// safety net; without one, polling runs every 500 ms. Every answer carries X-Hub-Time, the
// hub's clock, so the countdown follows the hub and not this PC. When the hub cannot be reached
// the last board stays up with a small "reconnecting" note, and everything simply goes on.
(function () {
  "use strict";
  var POLL_MS = 500;
  var POLL_WITH_STREAM_MS = 5000;
  var STREAM_RETRY_MS = 30000;
  var TIMEOUT_MS = 3000;
  var CHEER_MS = 6000;
  var FLASH_MS = 1600;
  var offsetMs = 0;
  var failures = 0;
  var cheerTimer = null;
  var streamOpen = false;
  var inFlight = false;
  var again = false;
  var pollTimer = null;

  function board() { return document.getElementById("board"); }
  function hubNow() { return Date.now() + offsetMs; }
  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function learnClock(response) {
    var hubTime = Number(response.headers.get("X-Hub-Time"));
    if (hubTime > 0) offsetMs = hubTime - Date.now();
  }

  function formatLeft(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    return (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s);
  }

  function tick() {
    var b = board();
    if (!b) return;
    var clocks = b.querySelectorAll(".countdown");
    for (var i = 0; i < clocks.length; i++) {
      var el = clocks[i];
      var target = Date.parse(el.dataset.to === "opens" ? b.dataset.opensAt : b.dataset.closesAt);
      if (isNaN(target)) { el.textContent = "–"; continue; }
      var left = Math.ceil((target - hubNow()) / 1000);
      if (left > 0) {
        el.textContent = formatLeft(left);
        el.classList.toggle("last-minutes", el.dataset.to === "closes" && left <= 300);
      } else if (el.dataset.to === "closes") {
        el.textContent = b.dataset.timeUp;
        el.classList.add("time-up");
      } else {
        el.hidden = true;
        var soon = b.querySelector(".opens-soon");
        if (soon) soon.hidden = false;
      }
    }
    var clock = b.querySelector(".hub-clock");
    if (clock) {
      var now = new Date(hubNow());
      clock.textContent = pad(now.getHours()) + ":" + pad(now.getMinutes());
    }
  }

  function strikeGong() {
    var stage = document.getElementById("stage");
    stage.dataset.gongs = String(Number(stage.dataset.gongs || 0) + 1);
    var flash = document.getElementById("flash");
    flash.classList.remove("on");
    void flash.offsetWidth; // restart the animation
    flash.classList.add("on");
    setTimeout(function () { flash.classList.remove("on"); }, FLASH_MS);
    var audio = document.getElementById("gong");
    if (audio && audio.play) {
      audio.currentTime = 0;
      var played = audio.play();
      if (played && played.catch) played.catch(offerSound);
    }
  }

  function offerSound() {
    // Browsers refuse sound until someone has clicked the page once: offer that click.
    var button = document.getElementById("sound");
    if (button) button.hidden = false;
  }

  function probeSound() {
    // May this page play sound without a click? Try silently; if not, offer the button now,
    // while the organiser sets up the projector, rather than at the first gong.
    var audio = document.getElementById("gong");
    if (!audio || !audio.play) return;
    audio.volume = 0;
    var tried = audio.play();
    var reset = function () { audio.pause(); audio.currentTime = 0; audio.volume = 1; };
    if (tried && tried.then) tried.then(reset, function () { reset(); offerSound(); });
    else reset();
  }

  function cheer(before, after, b) {
    if (!(after > before)) return;
    var texts = [];
    var target = Number(b.dataset.target) || 0;
    var record = b.dataset.record === "" ? null : Number(b.dataset.record);
    if (record !== null && before <= record && record < after) texts.push(b.dataset.cheerRecord);
    if (target && before < target && target <= after) texts.push(b.dataset.cheerTarget);
    if (Math.floor(after / 25) > Math.floor(before / 25)) {
      texts.push(b.dataset.cheerEvery.replace("{n}", String(Math.floor(after / 25) * 25)));
    }
    if (!texts.length) return;
    var el = document.getElementById("celebration");
    el.textContent = texts.join(" · ");
    el.hidden = false;
    el.classList.remove("pop");
    void el.offsetWidth;
    el.classList.add("pop");
    clearTimeout(cheerTimer);
    cheerTimer = setTimeout(function () { el.hidden = true; }, CHEER_MS);
  }

  function swap(html) {
    var old = board();
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var fresh = holder.querySelector("#board");
    if (!fresh || !old) return;
    var phaseBefore = old.dataset.phase, countBefore = Number(old.dataset.count);
    old.replaceWith(fresh);
    tick();
    if (fresh.dataset.phase !== phaseBefore && fresh.dataset.phase !== "before") strikeGong();
    if (fresh.dataset.phase === "during") cheer(countBefore, Number(fresh.dataset.count), fresh);
  }

  function setOnline(ok) {
    var note = document.getElementById("connection");
    if (note) note.hidden = ok;
    document.getElementById("stage").dataset.online = ok ? "yes" : "no";
  }

  function schedule(ms) {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, ms);
  }

  function poll() {
    if (inFlight) { again = true; return; }
    inFlight = true;
    clearTimeout(pollTimer);
    var b = board();
    var stage = document.getElementById("stage");
    var live = stage.dataset.liveUrl;
    var url = live + (live.indexOf("?") < 0 ? "?" : "&") + "v=" + encodeURIComponent(b ? b.dataset.key : "");
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    fetch(url, { cache: "no-store", signal: controller.signal, credentials: "same-origin" })
      .then(function (response) {
        if (response.status !== 200 && response.status !== 204) throw new Error("status " + response.status);
        learnClock(response);
        return response.status === 200 ? response.text() : null;
      })
      .then(function (html) {
        if (html) swap(html);
        failures = 0;
        setOnline(true);
      })
      .catch(function () {
        failures += 1;
        if (failures >= 2) setOnline(false);
      })
      .then(function () {
        clearTimeout(timer);
        inFlight = false;
        if (again) { again = false; poll(); return; }
        if (failures) schedule(Math.min(2000, POLL_MS * (1 + failures)));
        else schedule(streamOpen ? POLL_WITH_STREAM_MS : POLL_MS);
      });
  }

  function openStream() {
    var stage = document.getElementById("stage");
    if (!window.EventSource || !stage.dataset.eventsUrl) return;
    var source = new EventSource(stage.dataset.eventsUrl);
    source.onopen = function () { streamOpen = true; stage.dataset.stream = "open"; };
    source.onmessage = function (event) {
      var b = board();
      if (!b || b.dataset.key !== event.data) poll();
    };
    source.onerror = function () {
      streamOpen = false;
      stage.dataset.stream = "closed";
      if (!inFlight) schedule(POLL_MS);
      // A refusal (all streams taken) closes it for good: poll, and ask again later. A lost
      // connection stays open for the browser to retry by itself.
      if (source.readyState === 2) setTimeout(openStream, STREAM_RETRY_MS);
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("sound");
    button.addEventListener("click", function () {
      var audio = document.getElementById("gong");
      audio.muted = true;
      var primed = audio.play();
      var done = function () { audio.pause(); audio.muted = false; audio.currentTime = 0; button.hidden = true; };
      if (primed && primed.then) primed.then(done, done); else done();
    });
    probeSound();
    tick();
    setInterval(tick, 250);
    schedule(POLL_MS);
    openStream();
  });
})();
