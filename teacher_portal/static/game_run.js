// The solution game's run: poll until the worker is done, then show the last frame.
(function () {
  var box = document.getElementById("game-run");
  if (!box) return;
  var state = box.querySelector('[data-field="state"]');
  var image = box.querySelector('[data-field="screenshot"]');
  var words = { queued: "Spillet venter på en ledig plads ...", running: "Spillet kører ..." };
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (!data.state) { state.textContent = data.error || "Kørslen findes ikke."; return; }
        if (data.state !== "done") { state.textContent = words[data.state] || "..."; setTimeout(poll, 1000); return; }
        state.textContent = data.ended ? "Spillet sluttede af sig selv." : "Spillet kørte " + data.frames + " billeder uden fejl.";
        if (data.error) state.textContent = "Fejl" + (data.error_line ? " i linje " + data.error_line : "") + ": " + data.error;
        if (data.screenshot) { image.src = "data:image/png;base64," + data.screenshot; image.hidden = false; }
      });
  }
  poll();
})();
