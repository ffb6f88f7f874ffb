// Narrows chapter 7 (the quality plan) by working group and by status.
// Progressive enhancement: the form is shown only once this script runs, so a reader
// without JavaScript sees the whole plan and no controls that do nothing.
(function () {
  "use strict";

  function setUp() {
    var form = document.getElementById("kb-filter");
    var result = document.getElementById("kb-filter-resultat");
    if (!form || !result) return;
    form.classList.add("kb-filter--aktiv");

    function apply() {
      var group = form.elements.grupp.value;
      var status = form.elements.status.value;
      var shown = 0;
      var total = 0;
      document.querySelectorAll("[data-process]").forEach(function (block) {
        var rows = block.querySelectorAll("tbody tr");
        var visible = 0;
        rows.forEach(function (row) {
          total += 1;
          var groupMatches = group === "alla" || row.dataset.grupp === group;
          var statusMatches = true;
          var actions = row.querySelectorAll("li.kb-atgard");
          if (status === "alla") {
            actions.forEach(function (item) { item.hidden = false; });
          } else {
            var wanted = status === "klara" ? "ja" : "nej";
            statusMatches = false;
            actions.forEach(function (item) {
              item.hidden = item.dataset.klar !== wanted;
              if (!item.hidden) statusMatches = true;
            });
          }
          row.hidden = !(groupMatches && statusMatches);
          if (!row.hidden) visible += 1;
        });
        var everything = group === "alla" && status === "alla";
        block.hidden = !everything && visible === 0;
        var heading = block.previousElementSibling;
        if (heading && heading.tagName === "H2") heading.hidden = block.hidden;
        shown += visible;
      });
      result.textContent = group === "alla" && status === "alla"
        ? "Visar hela kvalitetsplanen: " + total + " risker."
        : "Visar " + shown + " av " + total + " risker.";
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
    });
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
