// Test-only page script, injected into a copy of report.html by
// test_report_html.sh (never shipped in a report). It records page errors
// from the start, then after load checks that every image decoded and that
// clicking the results table's latency header sorts the rows, and writes
// one line "TBCHECK PASS" or "TBCHECK FAIL: ..." into the DOM that
// chromium --dump-dom prints.
(function () {
  var errors = [];
  window.addEventListener('error', function (e) {
    errors.push((e.message || ('failed to load ' + (e.target && (e.target.src || e.target.href)))).slice(0, 120));
  }, true);
  var origError = console.error;
  console.error = function () { errors.push(Array.prototype.join.call(arguments, ' ')); origError.apply(console, arguments); };
  function column(table, i) {
    return Array.prototype.map.call(table.tBodies[0].rows, function (r) {
      var v = r.cells[i].getAttribute('data-v');
      return v === null ? null : parseFloat(v);
    }).filter(function (v) { return v !== null; });
  }
  function sorted(a, dir) {
    for (var i = 1; i < a.length; i++) if (dir * (a[i] - a[i - 1]) < 0) return false;
    return true;
  }
  window.addEventListener('load', function () {
    var fails = [];
    var imgs = document.images;
    if (imgs.length === 0) fails.push('no images');
    for (var i = 0; i < imgs.length; i++)
      if (!imgs[i].complete || imgs[i].naturalWidth === 0) fails.push('image ' + imgs[i].alt + ' did not load');
    var t = document.getElementById('table-results');
    var heads = t ? t.tHead.rows[0].cells : [];
    var col = -1;
    for (var h = 0; h < heads.length; h++) if (heads[h].textContent.indexOf('latency') === 0) col = h;
    if (col < 0) fails.push('no latency column in the results table');
    else {
      var before = column(t, col);
      if (sorted(before, 1)) fails.push('latency column already sorted; the test would prove nothing');
      heads[col].click();
      var up = column(t, col);
      if (!sorted(up, 1) || up.length !== before.length) fails.push('first click did not sort ascending: ' + up);
      heads[col].click();
      if (!sorted(column(t, col), -1)) fails.push('second click did not sort descending');
      heads[0].click();
    }
    fails = fails.concat(errors.map(function (e) { return 'page error: ' + e; }));
    var out = document.createElement('pre');
    out.id = 'tbcheck';
    out.textContent = fails.length ? 'TBCHECK FAIL: ' + fails.join('; ') : 'TBCHECK PASS ' + imgs.length + ' images';
    document.body.appendChild(out);
  });
})();
