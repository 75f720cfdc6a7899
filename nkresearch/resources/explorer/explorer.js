// The explorer's glue: counts for the chosen groups, kinds and periods; plotly draws the scatter.
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
  D.groups.forEach(function (g, i) { option($("group-a"), i, g); option($("group-b"), i, g); });
  option($("group-b"), REST, "the rest");
  $("group-a").value = "0";
  $("group-b").value = D.groups.length > 1 ? "1" : String(REST);
  D.kinds.forEach(function (k, i) { checkbox($("kinds"), k, i); });
  D.periods.forEach(function (p, i) { checkbox($("periods"), p, i); });
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
  function sides() {
    var a = Number($("group-a").value), b = Number($("group-b").value);
    var kinds = chosen("kinds"), periods = chosen("periods");
    var side = D.cells.map(function (c) {
      if (!kinds[c[1]] || !periods[c[2]]) return 0;
      if (c[0] === a) return 1;
      if (b === REST ? c[0] !== a : c[0] === b) return 2;
      return 3; // counted in the corpus (the prior) only
    });
    return { a: a, b: b, side: side };
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
    var nameA = D.groups[s.a], nameB = s.b === REST ? "the rest" : D.groups[s.b];
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
    var term = D.terms[k], s = sides(), kinds = chosen("kinds"), periods = chosen("periods");
    $("term-title").textContent = label(term[0]);
    var stats = $("stats");
    while (stats.firstChild) stats.removeChild(stats.firstChild);
    var head = stats.insertRow();
    ["group", "n", "N (words)", "per 10,000", "documents"].forEach(function (h) {
      var th = document.createElement("th"); th.textContent = h; head.appendChild(th);
    });
    D.groups.forEach(function (g, gi) {
      var n = 0, N = 0;
      D.cells.forEach(function (c, ci) { if (c[0] === gi && kinds[c[1]] && periods[c[2]]) N += c[3]; });
      term[2].forEach(function (p) { var c = D.cells[p[0]]; if (c[0] === gi && kinds[c[1]] && periods[c[2]]) n += p[1]; });
      var row = stats.insertRow();
      [g, String(n), N.toLocaleString("en"), N ? (1e4 * n / N).toFixed(2) : "", String(term[3][gi] || 0)].forEach(function (v) {
        row.insertCell().textContent = v;
      });
    });
    var body = $("lines").tBodies[0];
    while (body.firstChild) body.removeChild(body.firstChild);
    var wanted = function (l) {
      var inA = l[1] === s.a, inB = s.b === REST ? l[1] !== s.a : l[1] === s.b;
      return l[0] === k && (inA || inB) && kinds[l[3]] && periods[l[4]];
    };
    var lines = D.lines.filter(wanted);
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
      " per group are in the page; the counts above are complete).";
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
  redraw();
  $("plot").on("plotly_click", function (e) { if (e.points.length) showTerm(e.points[0].customdata); });
  window.nkReadyAt = performance.now();
  window.nkExplorerReady = true;
})();
