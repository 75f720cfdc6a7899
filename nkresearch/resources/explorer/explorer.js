// The explorer's glue: counts for the chosen sides (by group, kind or period) and filters; plotly draws the scatter.
// A corpus of several languages gets a language filter: a language's words are its own, so counting one is comparing like with like.
// Corpus text only ever goes in through textContent (never innerHTML), so it shows as text.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var REST = -1;
  var state = { term: null };

  function option(select, value, text) {
    var o = document.createElement("option");
    o.value = String(value);
    o.textContent = text;
    select.appendChild(o);
  }
  function checkbox(parent, name, index) {
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.dataset.index = String(index);
    box.addEventListener("change", redraw);
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + name));
    parent.appendChild(label);
  }
  // the dimensions of a cell: the groups of `by`, the kinds of passage, the periods, the languages;
  // the first three can be compared (A against B), the others filter what is counted
  var LANGUAGES = D.languages || [""];
  var DIMS = [
    { name: D.by, values: D.groups, box: "groups", compare: true },
    { name: "kind", values: D.kinds, box: "kinds", compare: true },
    { name: D.time || "period", values: D.periods, box: "periods", compare: true },
    { name: "language", values: LANGUAGES, box: "languages", compare: false,
      offered: LANGUAGES.length > 1 && D.by !== "language" }
  ];
  var CELL_AT = [0, 1, 2, 4]; // where a cell holds its value of each dimension (its words N at 3)
  var LINE_AT = [1, 3, 4, 9]; // where a line holds its value of each dimension
  var CELLS = D.cells.map(function (c) { return CELL_AT.map(function (at) { return c[at] || 0; }); });
  DIMS.forEach(function (d, j) {
    if (d.compare && (j === 0 || d.values.length > 1)) option($("dim"), j, d.name);
    d.values.forEach(function (v, i) { checkbox($(d.box), v, i); });
  });
  function dim() { return Number($("dim").value); }
  function fillSides() {
    var values = DIMS[dim()].values;
    ["group-a", "group-b"].forEach(function (id) {
      var select = $(id);
      while (select.firstChild) select.removeChild(select.firstChild);
      values.forEach(function (v, i) { option(select, i, v); });
    });
    option($("group-b"), REST, "the rest");
    $("group-a").value = "0";
    $("group-b").value = values.length > 1 ? "1" : String(REST);
    DIMS.forEach(function (d, j) { $(d.box).style.display = j === dim() || d.offered === false ? "none" : ""; });
  }
  fillSides();
  $("note").textContent = D.terms.length.toLocaleString("en") + " terms" +
    (D.min_freq > 1 ? " used at least " + D.min_freq + " times" : "") + "; the counts are complete, " +
    "but the page holds a sample of the concordance lines: at most " + D.lines_per_group + " per term and group and " +
    D.max_lines.toLocaleString("en") + " in all (" + D.lines.length.toLocaleString("en") + " here), one per term and " +
    "group first, more for the most frequent, spread over each term's occurrences.";

  function chosen(id) {
    var on = {};
    Array.prototype.forEach.call($(id).querySelectorAll("input"), function (b) { if (b.checked) on[b.dataset.index] = true; });
    return on;
  }
  function filters() { return DIMS.map(function (d) { return chosen(d.box); }); }
  function counted(values, d, on) { // a cell's or a line's values pass the filters of the other dimensions
    for (var j = 0; j < DIMS.length; j++) if (j !== d && !on[j][values[j] || 0]) return false;
    return true;
  }
  function sides() {
    var a = Number($("group-a").value), b = Number($("group-b").value), d = dim(), on = filters();
    var side = CELLS.map(function (c) {
      if (!counted(c, d, on)) return 0;
      if (c[d] === a) return 1;
      if (b === REST ? c[d] !== a : c[d] === b) return 2;
      return 3; // counted in the corpus (the prior) only
    });
    return { a: a, b: b, d: d, on: on, side: side };
  }
  function sideName(s, which) {
    var v = which === "a" ? s.a : s.b;
    return v === REST ? "the rest" : DIMS[s.d].values[v];
  }
  function tally(s) {
    var N = [0, 0, 0, 0];
    D.cells.forEach(function (c, i) { N[s.side[i]] += c[3]; });
    var rows = D.terms.map(function (t, k) {
      var n = [0, 0, 0, 0];
      t[2].forEach(function (p) { n[s.side[p[0]]] += p[1]; });
      return { k: k, term: t[0], stop: t[1], a: n[1], b: n[2], all: n[1] + n[2] + n[3] };
    });
    var total = N[1] + N[2] + N[3];
    rows.forEach(function (r) {
      // nk.log_odds with the informative prior: alpha_w = alpha0 * share, alpha0 = the words counted
      var prior = r.all, a0 = total;
      var da = Math.log((r.a + prior) / (N[1] + a0 - r.a - prior)) - Math.log((r.b + prior) / (N[2] + a0 - r.b - prior));
      var se = Math.sqrt(1 / (r.a + prior) + 1 / (r.b + prior));
      r.z = prior > 0 ? da / se : 0;
      r.ratio = Math.log2(((r.a || 0.5) / Math.max(N[1], 1)) / ((r.b || 0.5) / Math.max(N[2], 1)));
    });
    return { rows: rows, NA: N[1], NB: N[2] };
  }
  function ranks(values) {
    // scattertext's placement: each value's dense rank among the distinct values, scaled to 0..1
    var distinct = Array.from(new Set(values)).sort(function (p, q) { return p - q; });
    var place = new Map(), max = Math.max(distinct.length - 1, 1);
    distinct.forEach(function (v, r) { place.set(v, r / max); });
    return values.map(function (v) { return place.get(v); });
  }
  function label(term) { return term.replace(/_/g, " "); }
  function safe(text) { return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }

  function redraw() {
    var s = sides(), t = tally(s);
    var shown = t.rows.filter(function (r) { return (r.a + r.b) > 0 && !(r.stop && $("hide-stop").checked); });
    var xa = ranks(shown.map(function (r) { return r.a; }));
    var yb = ranks(shown.map(function (r) { return r.b; }));
    var colour = $("colour").value;
    var nameA = sideName(s, "a"), nameB = sideName(s, "b");
    var trace = {
      type: "scatter", mode: "markers", x: xa, y: yb,
      text: shown.map(function (r) {
        return safe(label(r.term)) + "<br>" + safe(nameA) + ": " + r.a + " (" + (1e4 * r.a / Math.max(t.NA, 1)).toFixed(1) +
          " per 10k)<br>" + safe(nameB) + ": " + r.b + " (" + (1e4 * r.b / Math.max(t.NB, 1)).toFixed(1) + " per 10k)<br>z = " +
          r.z.toFixed(2) + ", log ratio = " + r.ratio.toFixed(2);
      }),
      hoverinfo: "text", customdata: shown.map(function (r) { return r.k; }),
      marker: { size: 6, color: shown.map(function (r) { return colour === "z" ? r.z : r.ratio; }),
        colorscale: "RdBu", reversescale: true, cmid: 0, colorbar: { title: { text: colour === "z" ? "z" : "log2 ratio" } } }
    };
    var layout = {
      margin: { t: 30 }, hovermode: "closest",
      xaxis: { title: { text: safe(nameA) + ": frequency rank (N = " + t.NA.toLocaleString("en") + " words)" }, range: [-0.02, 1.02] },
      yaxis: { title: { text: safe(nameB) + ": frequency rank (N = " + t.NB.toLocaleString("en") + " words)" }, range: [-0.02, 1.02] }
    };
    Plotly.react("plot", [trace], layout, { displaylogo: false, responsive: true });
    var key = colour === "z" ? "z" : "ratio";
    var sorted = shown.slice().sort(function (p, q) { return q[key] - p[key]; });
    fillTop("top-a", "top-a-title", "Most " + nameA, sorted.slice(0, 15));
    fillTop("top-b", "top-b-title", "Most " + nameB, sorted.slice(-15).reverse());
    if (state.term !== null) showTerm(state.term);
  }
  function fillTop(list, title, text, rows) {
    $(title).textContent = text;
    var ol = $(list);
    while (ol.firstChild) ol.removeChild(ol.firstChild);
    rows.forEach(function (r) {
      var li = document.createElement("li"), b = document.createElement("button");
      b.className = "term"; b.textContent = label(r.term) + " (" + r.a + "/" + r.b + ")";
      b.addEventListener("click", function () { showTerm(r.k); });
      li.appendChild(b); ol.appendChild(li);
    });
  }
  function showTerm(k) {
    state.term = k;
    var term = D.terms[k], s = sides(), d = s.d;
    $("term-title").textContent = label(term[0]);
    var t = tally(s), r = t.rows[k];
    $("term-stats").textContent = sideName(s, "a") + " " + r.a + " of " + t.NA.toLocaleString("en") + " words, " +
      sideName(s, "b") + " " + r.b + " of " + t.NB.toLocaleString("en") + ": weighted log-odds z = " + r.z.toFixed(2) +
      ", log ratio = " + r.ratio.toFixed(2) + ".";
    var stats = $("stats");
    while (stats.firstChild) stats.removeChild(stats.firstChild);
    var head = stats.insertRow();
    [DIMS[d].name, "n", "N (words)", "per 10,000"].concat(d === 0 ? ["documents"] : []).forEach(function (h) {
      var th = document.createElement("th"); th.textContent = h; head.appendChild(th);
    });
    DIMS[d].values.forEach(function (g, gi) {
      var n = 0, N = 0;
      CELLS.forEach(function (c, i) { if (c[d] === gi && counted(c, d, s.on)) N += D.cells[i][3]; });
      term[2].forEach(function (p) { var c = CELLS[p[0]]; if (c[d] === gi && counted(c, d, s.on)) n += p[1]; });
      var row = stats.insertRow();
      [g, String(n), N.toLocaleString("en"), N ? (1e4 * n / N).toFixed(2) : ""]
        .concat(d === 0 ? [String(term[3][gi] || 0)] : []).forEach(function (v) { row.insertCell().textContent = v; });
    });
    var body = $("lines").tBodies[0];
    while (body.firstChild) body.removeChild(body.firstChild);
    var lines = D.lines.filter(function (l) {
      var values = LINE_AT.map(function (at) { return l[at]; });
      var inA = values[d] === s.a, inB = s.b === REST ? values[d] !== s.a : values[d] === s.b;
      return l[0] === k && (inA || inB) && counted(values, d, s.on);
    });
    lines.forEach(function (l) {
      var row = body.insertRow();
      var doc = D.documents[l[5]];
      [D.groups[l[1]], D.speakers[l[2]], D.kinds[l[3]], doc[0], doc[1] || D.periods[l[4]], l[6], l[7], l[8]].forEach(function (v, i) {
        var cell = row.insertCell();
        cell.textContent = v;
        cell.className = ["group", "speaker", "kind", "doc", "date", "left", "match", "right"][i];
      });
    });
    $("lines-note").textContent = lines.length + " lines of A and B shown (at most " + D.lines_per_group +
      " per term and group are in the page; the counts above are complete).";
  }
  var byTerm = {};
  D.terms.forEach(function (t, k) { byTerm[t[0].toLowerCase()] = k; byTerm[label(t[0]).toLowerCase()] = k; });
  $("search").addEventListener("keydown", function (e) {
    if (e.key !== "Enter") return;
    var k = byTerm[$("search").value.trim().toLowerCase()];
    if (k === undefined) { $("term-title").textContent = "No term “" + $("search").value + "” in the page"; return; }
    showTerm(k);
  });
  ["group-a", "group-b", "colour", "hide-stop"].forEach(function (id) { $(id).addEventListener("change", redraw); });
  $("dim").addEventListener("change", function () { fillSides(); redraw(); });
  redraw();
  $("plot").on("plotly_click", function (e) { if (e.points.length) showTerm(e.points[0].customdata); });
  window.nkReadyAt = performance.now();
  window.nkExplorerReady = true;
})();
