// The class overview's live "Har brug for hjælp" signal: ask the portal every 20 s.
(function () {
  var table = document.getElementById("matrix");
  if (!table || !table.dataset.helpUrl) return;
  var count = document.getElementById("help-count");
  function show(signals) {
    var byRow = {};
    table.querySelectorAll("td[data-pupil]").forEach(function (cell) {
      var reason = (signals[cell.dataset.pupil] || {})[cell.dataset.activity];
      var label = cell.querySelector(".help-reason");
      cell.classList.toggle("needs-help", !!reason);
      label.textContent = reason || "";
      label.hidden = !reason;
      if (reason) byRow[cell.dataset.pupil] = true;
    });
    table.querySelectorAll("tr[data-row]").forEach(function (row) {
      var badge = row.querySelector(".help-badge");
      if (badge) badge.hidden = !byRow[row.dataset.row];
    });
    var n = Object.keys(byRow).length;
    count.textContent = n === 0 ? "" : (n === 1 ? "1 elev har brug for hjælp" : n + " elever har brug for hjælp");
  }
  function update() {
    fetch(table.dataset.helpUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) show(data.signals); })
      .finally(function () { setTimeout(update, 20000); });
  }
  update();
})();
