// The explorer's glue: counts for the chosen sides (by group, kind or period) and filters; plotly draws the scatter.
// Every token of the corpus is in the page (report/explorer.py: the forms, then a gzipped stream of varints),
// so a search finds every occurrence of a pattern read as nk.kwic reads it, and each line is cut as nk.kwic cuts it.
// A corpus of several languages gets a language filter: a language's words are its own, so counting one is comparing like with like.
// Corpus text only ever goes in through textContent (never innerHTML), and into plotly escaped, so it shows as text.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var REST = -1;
  var PAGE = 1000; // lines drawn at a time (all are in the page; a button draws more)
  var state = { query: null, lines: [], shown: PAGE };
  var T = null; // the tokens, once unpacked

  // --- the tokens: unzip the stream, then one typed array per property -------------------------------------------
  function bytesOf(base64) {
    var text = atob(base64), out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  function gunzip(bytes) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }
  function unpack(bytes) {
    var at = 0;
    function next() {
      var value = 0, scale = 1, b;
      do { b = bytes[at++]; value += (b & 127) * scale; scale *= 128; } while (b & 128);
      return value;
    }
    var n = next(), nSentences = next(), nRuns = next(), i, k;
    var form = new Int32Array(n), gap = new Uint8Array(n), norm = new Int32Array(n), punct = new Uint8Array(n);
    for (i = 0; i < n; i++) {
      var v = next();
      form[i] = v >>> 1; gap[i] = v & 1;
      norm[i] = D.forms[form[i]][1]; punct[i] = D.forms[form[i]][2];
    }
    var sent = new Int32Array(n), row = 0, starts = [];
    for (k = 0; k < nSentences; k++) { row += next(); starts.push(row); }
    for (k = 0; k < nSentences; k++) {
      var end = k + 1 < nSentences ? starts[k + 1] : n;
      for (i = starts[k]; i < end; i++) sent[i] = k;
    }
    var doc = new Int32Array(n), cell = new Int32Array(n), speaker = new Int32Array(n);
    row = 0;
    for (k = 0; k < nRuns; k++) {
      var length = next(), d = next(), c = next() - 1, s = next();
      for (i = row; i < row + length; i++) { doc[i] = d; cell[i] = c; speaker[i] = s; }
      row += length;
    }
    // nkresearch.analysis.terms.kwic.Context: the words (not punctuation) counted in a window
    var before = new Int32Array(n + 1), words = [];
    for (i = 0; i < n; i++) { before[i + 1] = before[i] + (punct[i] ? 0 : 1); if (!punct[i]) words.push(i); }
    var total = new Int32Array(D.norms.length);
    for (i = 0; i < n; i++) total[norm[i]]++;
    return { n: n, form: form, gap: gap, norm: norm, sent: sent, doc: doc, cell: cell, speaker: speaker,
      before: before, words: Int32Array.from(words), total: total };
  }

  // --- patterns: nkresearch.analysis.core.patterns, as nk.kwic reads a pattern ------------------------------------
  var NORM_LOWER = D.norms.map(function (t) { return t.toLowerCase(); });
  var GLOB = /[*?[]/;
  function escapeRegex(text) { return text.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&"); }
  function globRegex(pattern) { // fnmatch.translate, matched whole and case-insensitively
    var chars = Array.from(pattern), out = "", i = 0;
    while (i < chars.length) {
      var c = chars[i++];
      if (c === "*") { out += "[\\s\\S]*"; while (chars[i] === "*") i++; }
      else if (c === "?") out += "[\\s\\S]";
      else if (c === "[") {
        var j = i;
        if (chars[j] === "!") j++;
        if (chars[j] === "]") j++;
        while (j < chars.length && chars[j] !== "]") j++;
        if (j >= chars.length) { out += "\\["; continue; }
        var set = chars.slice(i, j).join("").replace(/\\/g, "\\\\").replace(/\]/g, "\\]");
        i = j + 1;
        out += "[" + (set[0] === "!" ? "^" + set.slice(1) : set[0] === "^" ? "\\" + set : set) + "]";
      } else out += escapeRegex(c);
    }
    return new RegExp("^(?:" + out + ")$", "iu");
  }
  function wordTest(word) { return GLOB.test(word) ? { regex: globRegex(word.toLowerCase()) } : { text: word.toLowerCase() }; }

  // the tokenizer's word pattern (nkresearch.tokens.tokenizer.token_pattern): a phrase as the tokenizer reads it
  var W = "[\\p{L}\\p{N}_]", LN = "[\\p{L}\\p{N}]";
  function longestFirst(list) { return list.slice().sort(function (p, q) { return q.length - p.length; }); }
  var ABBREVIATIONS = longestFirst(D.abbreviations || []).map(escapeRegex).join("|");
  var WORD = new RegExp([
    ABBREVIATIONS ? "(?<![\\p{L}\\p{N}_.])(?:" + ABBREVIATIONS + ")(?!" + W + ")" : null,
    "(?<![\\p{L}\\p{N}_.])(?:[A-Za-z]\\.){2,}(?!" + W + ")",
    "\\p{Nd}+(?:[.,:/]\\p{Nd}+)*(?:(?:st|nd|rd|th|(?<=0)s)(?!" + LN + "))?(?:-" + LN + "+)*",
    LN + "+?(?=n['’]t(?!" + W + "))",
    "n['’]t(?!" + W + ")",
    "(?<=" + W + ")['’](?:[sSdDmM]|re|RE|ve|VE|ll|LL)(?!" + W + ")",
    LN + "+(?:-" + LN + "+|['’](?!(?:[sSdDmMtT]|re|ve|ll)(?!" + W + "))" + LN + "+)*",
    "\\.\\.\\.|…|--+|_+",
    "[^\\p{L}\\p{N}_\\s]"
  ].filter(Boolean).join("|"), "uy");
  var MWE_NORM = {};
  (D.mwe || []).forEach(function (m) { MWE_NORM[phraseKey(m[0])] = m[1]; });
  var MWE = (D.mwe || []).length ? new RegExp("(?<![\\p{L}\\p{N}_-])(?:" + longestFirst(D.mwe.map(function (m) {
    return m[0].trim().split(/\s+/).map(escapeRegex).join("\\s+");
  })).join("|") + ")(?![\\p{L}\\p{N}_-])", "iuy") : null;
  var SPACE = /\s*/y;
  var QUOTES = { "“": "\"", "”": "\"", "„": "\"", "«": "\"", "»": "\"", "‘": "'", "’": "'", "´": "'", "`": "'" };
  function unquote(text) { return text.replace(/[“”„«»‘’´`]/g, function (c) { return QUOTES[c]; }); }
  function phraseKey(text) { return unquote(text).toLowerCase().split(/\s+/).filter(Boolean).join(" "); }
  function tokenNorm(token) { return unquote(token).replace(/[‐‑‒–—―]|--+/g, "-").toLowerCase(); }
  function tokenize(text) {
    var out = [], pos = 0, m;
    while (pos < text.length) {
      SPACE.lastIndex = pos; SPACE.exec(text); pos = SPACE.lastIndex;
      if (pos >= text.length) break;
      if (MWE) {
        MWE.lastIndex = pos; m = MWE.exec(text);
        if (m && m[0]) { out.push(String(MWE_NORM[phraseKey(m[0])]).toLowerCase()); pos = MWE.lastIndex; continue; }
      }
      WORD.lastIndex = pos; m = WORD.exec(text);
      if (m && m[0]) { out.push(tokenNorm(m[0])); pos = WORD.lastIndex; }
      else pos += text.codePointAt(pos) > 0xffff ? 2 : 1;
    }
    return out;
  }
  function sameTexts(seq, texts) {
    return seq.length === texts.length && seq.every(function (t, i) { return t.text === texts[i]; });
  }
  function compile(query) { // [items][sequences][tests]; a|b: the list ["a", "b"] of nk.kwic
    return query.split("|").map(function (p) { return p.trim(); }).filter(Boolean).map(function (part) {
      var sequences = [part.split(/\s+/).map(wordTest)];
      if (!GLOB.test(part)) {
        var tokens = tokenize(part);
        if (tokens.length && !sameTexts(sequences[0], tokens)) sequences.push(tokens.map(function (t) { return { text: t }; }));
      }
      return sequences;
    });
  }
  function passes(test) {
    return D.norms.map(function (t, v) { return test.regex ? test.regex.test(t) : NORM_LOWER[v] === test.text; });
  }
  function starts(sequence) { // consecutive tokens of one sentence
    var ok = passes(sequence[0]), found = [], i;
    for (i = 0; i < T.n; i++) if (ok[T.norm[i]]) found.push(i);
    for (var k = 1; k < sequence.length; k++) {
      ok = passes(sequence[k]);
      found = found.filter(function (s) { return s + k < T.n && ok[T.norm[s + k]] && T.sent[s + k] === T.sent[s]; });
    }
    return found;
  }
  function spans(items) { // every match of any item, sorted, each span once: [first, last]
    var found = [];
    items.forEach(function (sequences) {
      sequences.forEach(function (seq) { starts(seq).forEach(function (s) { found.push([s, s + seq.length - 1]); }); });
    });
    found.sort(function (p, q) { return p[0] - q[0] || p[1] - q[1]; });
    return found.filter(function (s, k) { return k === 0 || s[0] !== found[k - 1][0] || s[1] !== found[k - 1][1]; });
  }
  // nkresearch.analysis.terms.kwic.Context: `window` words each side, within the document
  function around(i, j) {
    var w = D.window, before = T.before[i], after = T.before[j + 1], nw = T.words.length;
    var lo = w && before ? T.words[Math.max(before - w, 0)] : i;
    var hi = w && after < nw ? T.words[Math.min(after + w, nw) - 1] : j;
    lo = Math.min(lo, i); hi = Math.max(hi, j);
    while (lo < i && T.doc[lo] !== T.doc[i]) lo++;
    while (hi > j && T.doc[hi] !== T.doc[i]) hi--;
    return [lo, hi];
  }
  function join(a, b) {
    var text = "";
    for (var k = a; k < b; k++) text += (T.gap[k] && k > a ? " " : "") + D.forms[T.form[k]][0];
    return text;
  }

  // --- the controls -----------------------------------------------------------------------------------------------
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
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function termButton(parent, text, query) { // a button that searches `query`, or calls it
    var b = document.createElement("button");
    b.className = "term"; b.type = "button"; b.textContent = text;
    b.addEventListener("click", typeof query === "function" ? query : function () { $("search").value = query; search(query); });
    parent.appendChild(b);
    return b;
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
  var CELLS = D.cells.map(function (c) { return CELL_AT.map(function (at) { return c[at] || 0; }); });
  DIMS.forEach(function (d, j) {
    if (d.compare && (j === 0 || d.values.length > 1)) option($("dim"), j, d.name);
    d.values.forEach(function (v, i) { checkbox($(d.box), v, i); });
  });
  function dim() { return Number($("dim").value); }
  function fillSides() {
    var values = DIMS[dim()].values, open = dim() === 0 && D.compare ? D.compare : [0, values.length > 1 ? 1 : REST];
    ["group-a", "group-b"].forEach(function (id) {
      var select = $(id);
      clear(select);
      values.forEach(function (v, i) { option(select, i, v); });
    });
    option($("group-b"), REST, "the rest");
    $("group-a").value = String(open[0]);
    $("group-b").value = String(open[1]);
    DIMS.forEach(function (d, j) { $(d.box).style.display = j === dim() || d.offered === false ? "none" : ""; });
  }
  fillSides();
  $("note").textContent = D.terms.length.toLocaleString("en") + " terms" +
    (D.min_freq > 1 ? " used at least " + D.min_freq + " times" : "") + " on the scatter. The counts are complete " +
    "and every occurrence is in the page: search a word, a glob (artsakh*), a phrase (occupied territories) or " +
    "several at once (occupied|artsakh), read as nk.kwic reads a pattern, and every line shows, " + D.window +
    " words each side.";

  function chosen(id) {
    var on = {};
    Array.prototype.forEach.call($(id).querySelectorAll("input"), function (b) { if (b.checked) on[b.dataset.index] = true; });
    return on;
  }
  function filters() { return DIMS.map(function (d) { return chosen(d.box); }); }
  function counted(values, d, on) { // a cell's values pass the filters of the other dimensions
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
    var N = [0, 0, 0, 0];
    D.cells.forEach(function (c, i) { N[side[i]] += c[3]; });
    return { a: a, b: b, d: d, on: on, side: side, N: N };
  }
  function sideName(s, which) {
    var v = which === "a" ? s.a : s.b;
    return v === REST ? "the rest" : DIMS[s.d].values[v];
  }
  function score(r, N) {
    // nk.log_odds with the informative prior: alpha_w = alpha0 * share, alpha0 = the words counted
    var prior = r.all, a0 = N[1] + N[2] + N[3];
    var da = Math.log((r.a + prior) / (N[1] + a0 - r.a - prior)) - Math.log((r.b + prior) / (N[2] + a0 - r.b - prior));
    var se = Math.sqrt(1 / (r.a + prior) + 1 / (r.b + prior));
    r.z = prior > 0 ? da / se : 0;
    r.ratio = Math.log2(((r.a || 0.5) / Math.max(N[1], 1)) / ((r.b || 0.5) / Math.max(N[2], 1)));
    return r;
  }
  function tally(s) {
    return D.terms.map(function (t, k) {
      var n = [0, 0, 0, 0];
      t[2].forEach(function (p) { n[s.side[p[0]]] += p[1]; });
      return score({ k: k, term: t[0], stop: t[1], a: n[1], b: n[2], all: n[1] + n[2] + n[3] }, s.N);
    });
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
    var s = sides(), rows = tally(s);
    var shown = rows.filter(function (r) { return (r.a + r.b) > 0 && !(r.stop && $("hide-stop").checked); });
    var xa = ranks(shown.map(function (r) { return r.a; }));
    var yb = ranks(shown.map(function (r) { return r.b; }));
    var colour = $("colour").value, key = colour === "z" ? "z" : "ratio";
    var nameA = sideName(s, "a"), nameB = sideName(s, "b");
    var trace = {
      type: "scatter", mode: "markers", x: xa, y: yb,
      text: shown.map(function (r) {
        return safe(label(r.term)) + "<br>" + safe(nameA) + ": " + r.a + " (" + (1e4 * r.a / Math.max(s.N[1], 1)).toFixed(1) +
          " per 10k)<br>" + safe(nameB) + ": " + r.b + " (" + (1e4 * r.b / Math.max(s.N[2], 1)).toFixed(1) + " per 10k)<br>z = " +
          r.z.toFixed(2) + ", log ratio = " + r.ratio.toFixed(2);
      }),
      hoverinfo: "text", customdata: shown.map(function (r) { return r.k; }),
      marker: { size: 6, color: shown.map(function (r) { return r[key]; }),
        colorscale: "RdBu", reversescale: true, cmid: 0, colorbar: { title: { text: colour === "z" ? "z" : "log2 ratio" } } }
    };
    var order = shown.map(function (r, i) { return i; }).sort(function (p, q) { return shown[q][key] - shown[p][key]; });
    var marked = order.slice(0, 8).concat(order.slice(-8).reverse()); // the most distinctive of each side, labelled
    var layout = {
      margin: { t: 30 }, hovermode: "closest",
      xaxis: { title: { text: safe(nameA) + ": frequency rank (N = " + s.N[1].toLocaleString("en") + " words)" }, range: [-0.02, 1.02] },
      yaxis: { title: { text: safe(nameB) + ": frequency rank (N = " + s.N[2].toLocaleString("en") + " words)" }, range: [-0.02, 1.02] },
      annotations: marked.map(function (i, m) {
        return { x: xa[i], y: yb[i], text: safe(label(shown[i].term)), showarrow: true, arrowhead: 0, arrowwidth: 1,
          arrowcolor: "#999", ax: m < 8 ? -40 : 40, ay: (m % 8) * 9 - 32, font: { size: 10 } };
      })
    };
    Plotly.react("plot", [trace], layout, { displaylogo: false, responsive: true });
    fillTop("top-a", "top-a-title", "Most " + nameA, order.slice(0, 15).map(function (i) { return shown[i]; }));
    fillTop("top-b", "top-b-title", "Most " + nameB, order.slice(-15).reverse().map(function (i) { return shown[i]; }));
    if (state.query !== null) showQuery(state.query);
  }
  function fillTop(list, title, text, rows) {
    $(title).textContent = text;
    var ol = $(list);
    clear(ol);
    rows.forEach(function (r) {
      var li = document.createElement("li");
      termButton(li, label(r.term) + " (" + r.a + "/" + r.b + ")", function () { showTerm(r.k); });
      ol.appendChild(li);
    });
  }

  // --- a term or pattern: its counts per group and every line ------------------------------------------------------
  function clearTerm() {
    ["term-stats", "stats", "lines-note", "related", "suggest"].forEach(function (id) { clear($(id)); });
    clear($("lines").tBodies[0]);
    $("more").style.display = "none";
  }
  function showQuery(q) {
    state.query = q;
    clearTerm();
    var s = sides(), d = s.d, perCell = new Float64Array(D.cells.length), docs = DIMS[0].values.map(function () { return new Set(); });
    q.spans.forEach(function (span) {
      var c = T.cell[span[0]];
      if (c < 0) return;
      perCell[c]++;
      if (counted(CELLS[c], d, s.on)) docs[CELLS[c][0]].add(T.doc[span[0]]);
    });
    var r = { a: 0, b: 0, all: 0 };
    s.side.forEach(function (side, c) { if (side === 1) r.a += perCell[c]; if (side === 2) r.b += perCell[c]; if (side) r.all += perCell[c]; });
    score(r, s.N);
    $("term-title").textContent = q.title;
    $("term-stats").textContent = sideName(s, "a") + " " + r.a + " of " + s.N[1].toLocaleString("en") + " words, " +
      sideName(s, "b") + " " + r.b + " of " + s.N[2].toLocaleString("en") + (r.a + r.b === 0
        ? ": neither side uses it, so there is no z or log ratio (n/a)."
        : ": weighted log-odds z = " + r.z.toFixed(2) + ", log ratio = " + r.ratio.toFixed(2) + ".");
    var stats = $("stats"), head = stats.insertRow();
    [DIMS[d].name, "n", "N (words)", "per 10,000"].concat(d === 0 ? ["documents"] : []).forEach(function (h) {
      var th = document.createElement("th"); th.textContent = h; head.appendChild(th);
    });
    DIMS[d].values.forEach(function (g, gi) {
      var n = 0, N = 0;
      CELLS.forEach(function (c, i) { if (c[d] === gi && counted(c, d, s.on)) { N += D.cells[i][3]; n += perCell[i]; } });
      var row = stats.insertRow();
      [g, String(n), N.toLocaleString("en"), N ? (1e4 * n / N).toFixed(2) : ""]
        .concat(d === 0 ? [String(docs[gi].size)] : []).forEach(function (v) { row.insertCell().textContent = v; });
    });
    state.lines = q.spans.filter(function (span) {
      var c = T.cell[span[0]];
      if (c < 0 || !counted(CELLS[c], d, s.on)) return false;
      var v = CELLS[c][d];
      return v === s.a || (s.b === REST ? v !== s.a : v === s.b);
    });
    sortLines();
    state.shown = PAGE;
    drawLines();
    related(q);
  }
  function wordsKey(a, b, reverse) {
    var key = [];
    for (var k = a; k < b; k++) key.push(D.forms[T.form[k]][0].toLowerCase());
    return reverse ? key.reverse() : key;
  }
  function compareKeys(p, q) {
    for (var i = 0; i < Math.min(p.length, q.length); i++) if (p[i] !== q[i]) return p[i] < q[i] ? -1 : 1;
    return p.length - q.length;
  }
  function sortLines() { // stable: lines that tie stay in text order (nk.kwic's sort)
    var by = $("sort-lines").value, at = { group: 0, kind: 1, period: 2 }[by];
    var keyed = state.lines.map(function (span, i) {
      var key = i;
      if (at !== undefined) key = CELLS[T.cell[span[0]]][at];
      else if (by === "left" || by === "right") {
        var lh = around(span[0], span[1]);
        key = by === "left" ? wordsKey(lh[0], span[0], true) : wordsKey(span[1] + 1, lh[1] + 1, false);
      }
      return { span: span, key: key, i: i };
    });
    keyed.sort(function (p, q) {
      var c = Array.isArray(p.key) ? compareKeys(p.key, q.key) : p.key - q.key;
      return c || p.i - q.i;
    });
    state.lines = keyed.map(function (k) { return k.span; });
  }
  var CLASSES = ["group", "speaker", "kind", "doc", "date", "left", "match", "right"];
  function drawLines() {
    var body = $("lines").tBodies[0];
    clear(body);
    state.lines.slice(0, state.shown).forEach(function (span) {
      var i = span[0], j = span[1], lh = around(i, j), c = CELLS[T.cell[i]], doc = D.documents[T.doc[i]];
      var row = body.insertRow();
      [D.groups[c[0]], D.speakers[T.speaker[i]], D.kinds[c[1]], doc[0], doc[1] || D.periods[c[2]],
        join(lh[0], i), join(i, j + 1), join(j + 1, lh[1] + 1)].forEach(function (v, k) {
        var cell = row.insertCell();
        cell.textContent = v;
        cell.className = CLASSES[k];
      });
    });
    var total = state.lines.length, drawn = Math.min(state.shown, total);
    $("lines-note").textContent = total.toLocaleString("en") + (total === 1 ? " line" : " lines") +
      " of A and B: every occurrence counted above" + (drawn < total ? "; the first " + drawn.toLocaleString("en") + " shown" : "") + ".";
    $("more").style.display = drawn < total ? "" : "none";
    $("more").textContent = "Show " + Math.min(PAGE, total - drawn).toLocaleString("en") + " more";
  }

  // --- what a search also suggests: other spellings (naming lexicon), longer terms, the nearest terms on a miss -----
  var VARIANTS = (D.variants || []).map(function (v) {
    return { canonical: v[0], entries: v.slice(1), tokens: v.slice(1).map(function (e) { return tokenize(e).join(" "); }) };
  });
  function queryTokens(q) { // each sequence of plain words, as text
    var out = [];
    q.items.forEach(function (sequences) {
      sequences.forEach(function (seq) { if (seq.every(function (t) { return !t.regex; })) out.push(seq.map(function (t) { return t.text; }).join(" ")); });
    });
    return out;
  }
  function related(q) {
    var mine = queryTokens(q), offers = [];
    VARIANTS.forEach(function (v) {
      if (!v.tokens.some(function (t) { return mine.indexOf(t) >= 0; })) return;
      v.entries.forEach(function (e, i) {
        if (mine.indexOf(v.tokens[i]) >= 0 || offers.some(function (o) { return o.query === e; })) return;
        var n = spans(compile(e)).length;
        if (n) offers.push({ query: e, text: e + " (" + n + ", naming lexicon: " + v.canonical + ")" });
      });
    });
    var parts = mine.map(function (t) { return " " + t.split(/[\s_-]+/).join(" ") + " "; }), longer = [];
    D.norms.forEach(function (t, v) { // the terms a searched word is part of: karabakh in nagorno-karabakh
      var padded = " " + NORM_LOWER[v].split(/[_-]+/).join(" ") + " ";
      if (T.total[v] && mine.indexOf(NORM_LOWER[v]) < 0 && parts.some(function (w) { return padded.indexOf(w) >= 0; })) {
        longer.push({ query: t, text: label(t) + " (" + T.total[v] + ")", n: T.total[v] });
      }
    });
    longer.sort(function (p, q) { return q.n - p.n; });
    offers = offers.concat(longer);
    if (!offers.length) return;
    var p = $("related");
    p.appendChild(document.createTextNode("Also written or part of: "));
    offers.slice(0, 12).forEach(function (o, i) {
      if (i) p.appendChild(document.createTextNode(" · "));
      termButton(p, o.text, o.query);
    });
    p.appendChild(document.createTextNode(" — "));
    termButton(p, "search them together", [q.query].concat(offers.slice(0, 12).map(function (o) { return o.query; })).join("|"));
  }
  function distance(p, q, most) { // Levenshtein, given up past `most`
    if (Math.abs(p.length - q.length) > most) return most + 1;
    var prev = [], cur = [], i, j;
    for (j = 0; j <= q.length; j++) prev[j] = j;
    for (i = 1; i <= p.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= q.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (p[i - 1] === q[j - 1] ? 0 : 1));
        low = Math.min(low, cur[j]);
      }
      if (low > most) return most + 1;
      prev = cur;
    }
    return prev[q.length];
  }
  function suggest(query) {
    var plain = query.toLowerCase().replace(/[*?[\]!|]/g, "").replace(/[\s_-]+/g, " ").trim(), most = Math.max(2, Math.floor(plain.length / 3));
    var near = [];
    D.norms.forEach(function (t, v) {
      if (!T.total[v]) return;
      var dist = distance(plain, t.toLowerCase().replace(/[_-]+/g, " "), most);
      if (dist <= most) near.push({ t: t, d: dist, n: T.total[v] });
    });
    near.sort(function (p, q) { return p.d - q.d || q.n - p.n; });
    var p = $("suggest");
    if (!near.length) { p.textContent = "No term is close to it."; return; }
    p.appendChild(document.createTextNode("Nearest terms: "));
    near.slice(0, 8).forEach(function (o, i) {
      if (i) p.appendChild(document.createTextNode(" · "));
      termButton(p, label(o.t) + " (" + o.n + ")", o.t);
    });
  }
  function search(text) {
    var query = text.trim();
    if (!query) return;
    var items;
    try { items = compile(query); } catch (err) { items = null; }
    var found = items ? spans(items) : [];
    if (!found.length) {
      state.query = null;
      clearTerm();
      $("term-title").textContent = "No match for “" + query + "”";
      suggest(query);
      return;
    }
    showQuery({ query: query, title: label(query), items: items, spans: found });
  }
  function showTerm(k) { // a term of the scatter: its own occurrences, the term exactly
    var term = D.terms[k][0];
    $("search").value = term;
    var items = [[[{ text: term.toLowerCase() }]]];
    showQuery({ query: term, title: label(term), items: items, spans: spans(items) });
  }

  function start() {
    $("search").addEventListener("keydown", function (e) { if (e.key === "Enter") search($("search").value); });
    ["group-a", "group-b", "colour", "hide-stop"].forEach(function (id) { $(id).addEventListener("change", redraw); });
    $("dim").addEventListener("change", function () { fillSides(); redraw(); });
    $("sort-lines").addEventListener("change", function () { sortLines(); state.shown = PAGE; drawLines(); });
    $("more").addEventListener("click", function () { state.shown += PAGE; drawLines(); });
    redraw();
    $("plot").on("plotly_click", function (e) { if (e.points.length) showTerm(e.points[0].customdata); });
    window.nkExplorer = { tokenize: tokenize, count: function (query) { return spans(compile(query)).length; } };
    window.nkReadyAt = performance.now();
    window.nkExplorerReady = true;
  }
  if (typeof DecompressionStream === "undefined") {
    $("note").textContent = "This browser cannot unzip the page's text (DecompressionStream): open it in a browser from 2023 or later.";
    return;
  }
  gunzip(bytesOf(D.stream)).then(function (bytes) { T = unpack(bytes); start(); }).catch(function (err) {
    $("note").textContent = "The page's text could not be read: " + err;
    window.nkErrors.push(String(err));
  });
})();
