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

// Actor suggestions: the actor fields of the filter bar share a
// <datalist>, filled as one types from GET /api/actors/suggest. Without
// this, a name typed in full is looked up by the server when the form is
// sent.
document.addEventListener("DOMContentLoaded", function () {
  var list = document.getElementById("actor-suggest");
  if (!list || !window.fetch) {
    return;
  }
  var timer = 0;
  var asked = "";
  function suggest(q) {
    if (q.length < 2 || q === asked) {
      return;
    }
    asked = q;
    fetch("/api/actors/suggest?limit=12&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { actors: [] }; })
      .then(function (res) {
        if (q !== asked) {
          return;
        }
        while (list.firstChild) {
          list.removeChild(list.firstChild);
        }
        (res.actors || []).forEach(function (a) {
          var o = document.createElement("option");
          o.value = a.code;
          o.textContent = (a.name || a.matched || a.code) + (a.matched && a.matched !== a.name && a.matched !== a.code ? " (" + a.matched + ")" : "");
          list.appendChild(o);
        });
      })
      .catch(function () {});
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[list=actor-suggest]"), function (el) {
    el.addEventListener("input", function () {
      clearTimeout(timer);
      var q = el.value.trim();
      timer = setTimeout(function () { suggest(q); }, 150);
    });
  });
});
// The document view: when the event table beside the text scrolls by
// itself, bring the selected event's row into it.
document.addEventListener("DOMContentLoaded", function () {
  var row = document.querySelector("table.docevents tr.selected");
  var panel = row && row.closest(".docview > section");
  if (panel && panel.scrollHeight > panel.clientHeight) {
    panel.scrollTop += row.getBoundingClientRect().top - panel.getBoundingClientRect().top - 48;
  }
});
