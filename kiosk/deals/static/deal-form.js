// One tap less per deal: when the broker picks a participant from the suggestions, the next
// party's empty search box takes the focus (and the tablet's keyboard stays up for it).
// Without this script the form works the same; the broker just taps the next box.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function (event) {
    var picker = event.target;
    if (!picker || !picker.classList || !picker.classList.contains("picker")) { return; }
    if (!picker.querySelector(".chip")) { return; }
    var active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) { return; }
    var boxes = document.querySelectorAll("#deal-form .picker input[type=search]");
    for (var i = 0; i < boxes.length; i++) {
      var after = picker.compareDocumentPosition(boxes[i]) & Node.DOCUMENT_POSITION_FOLLOWING;
      if (after && !boxes[i].value) { boxes[i].focus(); return; }
    }
  });
})();
