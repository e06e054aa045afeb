// Sort the deals table by date or amount. Progressive enhancement: without
// JavaScript the table is already newest first.
(function () {
  var controls = document.querySelector("[data-sort-controls]");
  var table = document.getElementById("deals-table");
  if (!controls || !table) return;
  var body = table.tBodies[0];
  var original = Array.prototype.slice.call(body.rows);
  controls.hidden = false;
  controls.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-sort]");
    if (!button) return;
    var key = button.getAttribute("data-sort");
    var rows = original.slice();
    if (key === "amount") {
      rows.sort(function (a, b) {
        return parseFloat(b.dataset.amount) - parseFloat(a.dataset.amount);
      });
    }
    rows.forEach(function (row) { body.appendChild(row); });
    controls.querySelectorAll("button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b === button));
    });
  });
})();
