// Live grading progress: poll the status endpoint and update the counts.
(function () {
  var box = document.getElementById("grading-progress");
  if (!box) return;
  var bar = document.querySelector("progress");
  function update() {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        ["done", "total", "waiting", "teacher", "failed"].forEach(function (field) {
          var el = box.querySelector('[data-field="' + field + '"]');
          if (el) el.textContent = data[field];
        });
        bar.max = data.total || 1;
        bar.value = data.done;
        if (data.waiting > 0) setTimeout(update, 2000);
      });
  }
  setTimeout(update, 2000);
})();
