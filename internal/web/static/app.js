// dyad: the pages work without this file. It only keeps filter URLs short
// by leaving empty fields out when the event filter form is sent.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.value === "") {
        el.disabled = true;
      }
    });
  });
  // Re-enable the fields when the page comes back from the history cache.
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(form.elements, function (el) {
      el.disabled = false;
    });
  });
});
