// The party search as a combobox (WAI-ARIA 1.2): the arrow keys move through the suggestions
// while the focus stays in the box (aria-activedescendant), Enter takes the one shown, Escape
// closes the list. A finger, or no script at all, taps the suggestion as before.
(function () {
  "use strict";

  function parts(box) {
    var holder = document.getElementById(box.getAttribute("aria-controls"));
    var options = holder ? holder.querySelectorAll("[role=option]") : [];
    return { holder: holder, options: options };
  }

  function show(box, index) {
    var found = parts(box);
    for (var i = 0; i < found.options.length; i++) {
      var on = i === index;
      found.options[i].setAttribute("aria-selected", on ? "true" : "false");
      found.options[i].classList.toggle("active", on);
    }
    if (index >= 0 && found.options[index]) {
      box.setAttribute("aria-activedescendant", found.options[index].id);
      found.options[index].scrollIntoView({ block: "nearest" });
    } else {
      box.removeAttribute("aria-activedescendant");
    }
    box.dataset.active = String(index);
  }

  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (!box || box.getAttribute("role") !== "combobox") { return; }
    var options = parts(box).options;
    var active = parseInt(box.dataset.active || "-1", 10);
    if (event.key === "ArrowDown" && options.length) {
      show(box, Math.min(active + 1, options.length - 1)); event.preventDefault();
    } else if (event.key === "ArrowUp" && options.length) {
      show(box, Math.max(active - 1, 0)); event.preventDefault();
    } else if (event.key === "Enter") {
      event.preventDefault(); // never submits the deal from the search box
      if (active >= 0 && options[active]) { options[active].click(); }
    } else if (event.key === "Escape" && options.length) {
      parts(box).holder.innerHTML = "";
      box.setAttribute("aria-expanded", "false");
      show(box, -1);
    }
  });

  // New suggestions: say whether the list is open, and start again from none chosen.
  document.addEventListener("htmx:afterSwap", function (event) {
    var holder = event.target;
    if (!holder || !holder.classList || !holder.classList.contains("suggestion-box")) { return; }
    var box = document.querySelector("[aria-controls='" + holder.id + "']");
    if (!box) { return; }
    box.setAttribute("aria-expanded", holder.querySelector("[role=option]") ? "true" : "false");
    show(box, -1);
  });
})();
