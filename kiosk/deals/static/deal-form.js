// The deal form's small helps. Without this script the form works the same: the broker taps
// the next box, and the server still knows a form sent twice (its form_key).
(function () {
  "use strict";

  // After a participant is chosen, the focus goes to what that party gives: the next field in
  // the form's order, for a finger, a keyboard and a screen reader alike (it used to jump on to
  // the next party's search, past "Gir", and was lost after the last party).
  document.addEventListener("htmx:afterSettle", function (event) {
    var picker = event.target;
    if (!picker || !picker.classList || !picker.classList.contains("picker")) { return; }
    if (!picker.querySelector(".chip")) { return; }
    var active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) { return; }
    var party = picker.closest("fieldset.party");
    var gives = party && party.querySelector("input[id$='-gives']");
    if (gives) { gives.focus(); }
  });

  // One save at a time, and a tap on "save" over a fresh ✓ with nothing typed since is not a
  // new deal: it would only turn the broker's ✓ into "something is missing". What was typed is
  // marked on the form itself, so the fresh form the server sends back starts unmarked.
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("#deal-form");
    if (form) { form.dataset.changed = "1"; }
  });
  document.addEventListener("htmx:confirm", function (event) {
    var form = event.target;
    if (!form || form.id !== "deal-form") { return; }
    var busy = form.classList.contains("htmx-request") || form.dataset.sending === "1";
    var saved = form.querySelector("[data-testid=saved-notice]");
    if (busy || (saved && !form.dataset.changed)) { event.preventDefault(); }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.target && event.target.id === "deal-form") { event.target.dataset.sending = "1"; }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.target && event.target.id === "deal-form") { delete event.target.dataset.sending; }
  });
})();
