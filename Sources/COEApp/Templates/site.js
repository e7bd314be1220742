// coe site: the index's search box and filters, in plain JavaScript (no framework, nothing fetched).
// The search file (search-index.js) sets window.COE_SEARCH: one entry per COE, with the text searched.
(function () {
  "use strict";
  var table = document.getElementById("coes");
  if (!table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var texts = {};
  (window.COE_SEARCH || []).forEach(function (entry) { texts[entry.id] = entry.text; });
  var query = document.getElementById("q");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-facet]"));
  var count = document.getElementById("count");
  var none = document.getElementById("none");

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (word) { return word.length > 0; });
  }

  function update() {
    var wanted = words(query.value);
    var shown = 0;
    rows.forEach(function (row) {
      var text = texts[row.dataset.id] || "";
      var ok = wanted.every(function (word) { return text.indexOf(word) >= 0; });
      selects.forEach(function (select) {
        if (!ok || select.value === "") return;
        var values = (row.dataset[select.dataset.facet] || "").split("|");
        ok = values.indexOf(select.value) >= 0;
      });
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown === rows.length ? rows.length + " COEs" : shown + " of " + rows.length + " COEs";
    none.hidden = shown > 0;
    var params = new URLSearchParams();
    if (query.value) params.set("q", query.value);
    selects.forEach(function (select) { if (select.value) params.set(select.dataset.facet, select.value); });
    var hash = params.toString();
    if (history.replaceState) history.replaceState(null, "", hash ? "#" + hash : location.pathname);
  }

  // A link to the index with #q=…&team=… opens with that search.
  var start = new URLSearchParams(location.hash.slice(1));
  if (start.get("q")) query.value = start.get("q");
  selects.forEach(function (select) { if (start.get(select.dataset.facet)) select.value = start.get(select.dataset.facet); });

  query.form.addEventListener("submit", function (event) { event.preventDefault(); });
  query.addEventListener("input", update);
  selects.forEach(function (select) { select.addEventListener("change", update); });
  document.getElementById("clear").addEventListener("click", function () { setTimeout(update, 0); });
  update();
})();
