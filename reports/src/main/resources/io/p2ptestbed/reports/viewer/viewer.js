// The attack viewer of one scenario (reports module, ViewerPage): the overlay at every recorded frame,
// drawn by sigma.js (WebGL) from a graphology graph, with a metric timeline under it. Opens from disk:
// viewer-data.js sets P2P_VIEWER_DATA to base64 of gzipped JSON (format in ViewerPage's javadoc).
(function () {
  "use strict";
  var COLOURS = { H: "#5B7DB1", A: "#D62728", V: "#FF9F1C", F: "#C8C8C8" };
  var ROLE_NAMES = { H: "honest", A: "attacker", V: "victim", F: "failed" };
  var MAX_EDGES = 5000;
  var EDGE = "rgba(120,120,120,0.25)", EDGE_ATTACK = "rgba(214,39,40,0.6)", VICTIM_EDGE = "#1F3B73";
  var $ = function (id) { return document.getElementById(id); };
  var api = window.P2P_VIEWER = { ready: false, frame: -1, playing: false };

  function inflate(b64) {
    var bytes = Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).json();
  }

  function num(v) { return typeof v === "number" ? v : NaN; }
  function pct(v) { return isNaN(v) ? "n/a" : (100 * v).toFixed(1) + "%"; }
  function time(ms) {
    return Math.abs(ms) < 60000 ? (ms / 1000).toFixed(1) + " s"
      : Math.floor(ms / 60000) + " min " + String(Math.floor((ms % 60000) / 1000)).padStart(2, "0") + " s";
  }

  function start(data) {
    var n = data.nodes.length, frames = data.frames;
    var baseSize = Math.max(1.5, Math.min(6, 150 / Math.sqrt(n + 1)));
    var graph = new graphology.Graph({ type: "directed", multi: false, allowSelfLoops: true });
    data.nodes.forEach(function (node, i) {
      graph.addNode(i, { x: node[3], y: node[4], size: baseSize, color: COLOURS.H, label: node[1], hidden: true });
    });
    $("layout-note").textContent = data.layout === "ring"
      ? "Ring layout: nodes in id order, victims in the centre." : "Force-directed layout, computed once for all frames.";
    var out = new Int32Array(n), inn = new Int32Array(n), adv = new Int32Array(n);
    var roles = "", selected = null, hovered = null;
    var SigmaClass = typeof Sigma === "function" ? Sigma : Sigma.Sigma;
    var renderer = new SigmaClass(graph, $("graph"), {
      defaultEdgeType: "arrow", zIndex: true, renderLabels: n <= 300, labelRenderedSizeThreshold: 8,
      hideEdgesOnMove: n > 2000,
      nodeReducer: function (node, attrs) {
        if (selected === null || attrs.hidden) { return attrs; }
        if (node === selected) { return Object.assign({}, attrs, { highlighted: true, zIndex: 3 }); }
        if (graph.hasDirectedEdge(selected, node)) {
          return Object.assign({}, attrs, { highlighted: graph.outDegree(selected) <= 20, zIndex: 2 });
        }
        return Object.assign({}, attrs, { color: "#E6E6E6", label: "", zIndex: 0 });
      },
      edgeReducer: function (edge, attrs) {
        if (selected === null) { return attrs; }
        if (graph.source(edge) !== selected) { return Object.assign({}, attrs, { hidden: true }); }
        return Object.assign({}, attrs, { size: 2, zIndex: 3, color: attrs.adv ? "#D62728" : VICTIM_EDGE });
      }
    });

    function showFrame(i) {
      var t0 = performance.now();
      i = Math.max(0, Math.min(frames.length - 1, i));
      var f = frames[i];
      roles = f.roles;
      graph.clearEdges();
      out.fill(0); inn.fill(0); adv.fill(0);
      var e = f.edges, badTotal = 0, k, from, to, bad;
      for (k = 0; k < e.length; k += 3) {
        from = e[k]; to = e[k + 1]; bad = e[k + 2] === 1 || roles[to] === "A";
        out[from]++; inn[to]++;
        if (bad) { adv[from]++; badTotal++; }
      }
      // every entry counts above; drawn are all of the victims' and the clicked node's, and even samples of at most
      // MAX_EDGES of the adversary's and MAX_EDGES others (as the PNG renderer samples): software WebGL stays fast
      var everyBad = Math.max(1, Math.ceil(badTotal / MAX_EDGES));
      var everyPlain = Math.max(1, Math.ceil((e.length / 3 - badTotal) / MAX_EDGES));
      var nBad = 0, nPlain = 0;
      for (k = 0; k < e.length; k += 3) {
        from = e[k]; to = e[k + 1]; bad = e[k + 2] === 1 || roles[to] === "A";
        var sampled = bad ? nBad++ % everyBad === 0 : nPlain++ % everyPlain === 0;
        if (sampled || roles[from] === "V" || from == selected) { addEdge(from, to, bad); }
      }
      api.drawnEdges = graph.size;
      graph.updateEachNodeAttributes(function (node, attrs) {
        var r = roles[node];
        attrs.hidden = r === "-";
        attrs.color = COLOURS[r] || COLOURS.H;
        attrs.size = r === "V" ? baseSize * 2.5 + 4 : r === "A" ? baseSize * 1.3 : baseSize;
        attrs.zIndex = r === "V" ? 3 : r === "A" ? 1 : 0;
        return attrs;
      });
      api.frame = i;
      $("slider").value = i;
      $("frame-label").textContent = "frame " + (i + 1) + " / " + frames.length + ", t = " + time(f.t);
      $("caption").textContent = f.caption;
      showVictims();
      drawCursor(f.t);
      renderer.refresh();
      api.lastStepMs = performance.now() - t0;
    }

    function addEdge(from, to, bad) {
      var fromVictim = roles[from] === "V";
      graph.mergeEdge(from, to, {
        adv: bad, type: fromVictim || from == selected ? "arrow" : "line", zIndex: fromVictim ? 2 : bad ? 1 : 0,
        size: fromVictim ? (bad ? 3 : 2) : bad ? 1 : 0.5, color: bad ? EDGE_ATTACK : fromVictim ? VICTIM_EDGE : EDGE
      });
    }

    // a clicked node gets all its entries drawn, also those the sample left out
    function addEdgesOf(node) {
      var e = frames[api.frame].edges;
      for (var k = 0; k < e.length; k += 3) {
        if (e[k] == node) { addEdge(e[k], e[k + 1], e[k + 2] === 1 || roles[e[k + 1]] === "A"); }
      }
    }

    function share(i) { return out[i] === 0 ? NaN : adv[i] / out[i]; }

    function showVictims() {
      var parts = [], first = NaN;
      for (var i = 0; i < n; i++) {
        if (roles[i] === "V") {
          var s = share(i);
          if (parts.length === 0) { first = s; }
          parts.push("victim " + data.nodes[i][1] + ": adversary share " + pct(s) + " (" + adv[i] + "/" + out[i] + " entries)");
        }
      }
      var el = $("victim-share");
      el.textContent = parts.slice(0, 3).join("; ") + (parts.length > 3 ? "; ..." : "");
      el.dataset.share = isNaN(first) ? "" : String(first);
      el.dataset.victims = String(parts.length);
    }

    // -- play / step controls
    var timer = null;
    function stop() { if (timer) { clearTimeout(timer); timer = null; } api.playing = false; $("play").textContent = "play"; }
    function tick() {
      if (api.frame >= frames.length - 1) { stop(); return; }
      showFrame(api.frame + 1);
      timer = setTimeout(tick, Number($("speed").value));
    }
    function play() {
      if (api.playing) { stop(); return; }
      if (api.frame >= frames.length - 1) { showFrame(0); }
      api.playing = true; $("play").textContent = "pause";
      timer = setTimeout(tick, Number($("speed").value));
    }
    $("play").onclick = play;
    $("first").onclick = function () { stop(); showFrame(0); };
    $("last").onclick = function () { stop(); showFrame(frames.length - 1); };
    $("back").onclick = function () { stop(); showFrame(api.frame - 1); };
    $("forward").onclick = function () { stop(); showFrame(api.frame + 1); };
    $("slider").max = frames.length - 1;
    $("slider").oninput = function () { stop(); showFrame(Number(this.value)); };
    document.addEventListener("keydown", function (ev) {
      var keys = { ArrowLeft: "back", ArrowRight: "forward", Home: "first", End: "last", " ": "play" };
      if (keys[ev.key] && ev.target.tagName !== "SELECT") { ev.preventDefault(); $(keys[ev.key]).click(); }
    });

    // -- hover and click
    var tip = $("tooltip");
    renderer.on("enterNode", function (ev) {
      hovered = Number(ev.node);
      var node = data.nodes[hovered];
      tip.innerHTML = "";
      [["node", node[1]], ["id", node[0]], ["address", node[2] || "unknown"], ["role", ROLE_NAMES[roles[hovered]] || "?"],
        ["routing entries", out[hovered]], ["in its table", inn[hovered] + " nodes"],
        ["adversary share", pct(share(hovered)) + " (" + adv[hovered] + "/" + out[hovered] + ")"]].forEach(function (row) {
        var line = document.createElement("div");
        var b = document.createElement("b"); b.textContent = row[0] + ": ";
        line.appendChild(b); line.appendChild(document.createTextNode(String(row[1])));
        tip.appendChild(line);
      });
      tip.hidden = false;
    });
    renderer.on("leaveNode", function () { hovered = null; tip.hidden = true; });
    $("graph").addEventListener("mousemove", function (ev) { tip.style.left = ev.clientX + 14 + "px"; tip.style.top = ev.clientY + 14 + "px"; });
    renderer.on("clickNode", function (ev) {
      selected = ev.node === selected ? null : ev.node;
      if (selected !== null) { addEdgesOf(selected); }
      renderer.refresh();
    });
    renderer.on("clickStage", function () { selected = null; renderer.refresh(); });

    // -- timeline (SVG): the chosen metric over virtual time, attack/fault windows shaded, a cursor at the frame
    var W = 1000, H = 180, PAD = 34, svgNS = "http://www.w3.org/2000/svg", chart = $("chart");
    var ts = frames.map(function (f) { return f.t; });
    data.intervals.forEach(function (iv) { ts.push(iv.start, iv.end); });
    data.series.forEach(function (s) { s.points.forEach(function (p) { ts.push(p.virtualTimeMillis); }); });
    var tMin = Math.min.apply(null, ts), tMax = Math.max.apply(null, ts);
    if (tMax <= tMin) { tMax = tMin + 1; }
    function x(t) { return PAD + (W - 2 * PAD) * (t - tMin) / (tMax - tMin); }
    function el(name, attrs, text) {
      var e = document.createElementNS(svgNS, name);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (text !== undefined) { e.textContent = text; }
      chart.appendChild(e);
      return e;
    }
    var cursor = null;
    function drawChart() {
      chart.innerHTML = "";
      data.intervals.forEach(function (iv) {
        el("rect", { "class": "band", x: x(iv.start), y: 4, width: Math.max(2, x(iv.end) - x(iv.start)), height: H - PAD });
        el("text", { "class": "band-label", x: x(iv.start) + 3, y: 15 }, iv.label);
      });
      frames.forEach(function (f, i) {
        el("line", { "class": "frame-tick", x1: x(f.t), x2: x(f.t), y1: H - PAD, y2: H - PAD + 6 });
      });
      el("text", { "class": "axis", x: PAD, y: H - 8 }, time(tMin));
      el("text", { "class": "axis", x: W - PAD, y: H - 8, "text-anchor": "end" }, time(tMax) + " (virtual time)");
      var s = data.series[$("metric").selectedIndex];
      if (s) {
        var pts = s.points.filter(function (p) { return !isNaN(num(p.value)); })
          .sort(function (a, b) { return a.virtualTimeMillis - b.virtualTimeMillis; });
        var vs = pts.map(function (p) { return p.value; });
        var lo = Math.min(0, Math.min.apply(null, vs)), hi = Math.max.apply(null, vs.concat([lo + 1e-9]));
        if (hi <= 1 && lo >= 0) { hi = 1; }
        var y = function (v) { return H - PAD - (H - PAD - 10) * (v - lo) / (hi - lo); };
        el("polyline", { "class": "series", points: pts.map(function (p) { return x(p.virtualTimeMillis) + "," + y(p.value); }).join(" ") });
        pts.forEach(function (p) { el("circle", { "class": "pt", cx: x(p.virtualTimeMillis), cy: y(p.value), r: 3 }); });
        el("text", { "class": "axis", x: 2, y: 12 }, String(+hi.toPrecision(3)));
        el("text", { "class": "axis", x: 2, y: H - PAD }, String(+lo.toPrecision(3)));
      } else {
        el("text", { "class": "axis", x: W / 2, y: H / 2, "text-anchor": "middle" }, "no metric changes over this scenario");
      }
      cursor = el("line", { "class": "cursor", x1: 0, x2: 0, y1: 0, y2: H - PAD });
      if (api.frame >= 0) { drawCursor(frames[api.frame].t); }
    }
    function drawCursor(t) { if (cursor) { cursor.setAttribute("x1", x(t)); cursor.setAttribute("x2", x(t)); } }
    data.series.forEach(function (s) { var o = document.createElement("option"); o.textContent = s.name; $("metric").appendChild(o); });
    $("metric").onchange = drawChart;
    chart.addEventListener("click", function (ev) {
      var box = chart.getBoundingClientRect(), t = tMin + (tMax - tMin) * ((ev.clientX - box.left) / box.width * W - PAD) / (W - 2 * PAD);
      var best = 0;
      frames.forEach(function (f, i) { if (Math.abs(f.t - t) < Math.abs(frames[best].t - t)) { best = i; } });
      stop(); showFrame(best);
    });

    drawChart();
    showFrame(0);
    api.frames = frames.length;
    api.nodes = n;
    api.showFrame = showFrame;
    // page coordinates of the first victim shown (for tests that hover and click it), or null
    api.victimPoint = function () {
      var v = roles.indexOf("V");
      if (v < 0) { return null; }
      var p = renderer.graphToViewport(graph.getNodeAttributes(String(v)));
      var box = $("graph").getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    };
    api.ready = true;
  }

  inflate(window.P2P_VIEWER_DATA).then(start).catch(function (e) {
    api.error = String(e);
    document.body.insertAdjacentHTML("afterbegin", "<p style='color:#b00'>The viewer could not load its data: " + String(e).replace(/</g, "&lt;") + "</p>");
  });
})();
