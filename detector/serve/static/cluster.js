/* The cluster page's network: SVG from positions computed on the server (graphs.layout); members coloured by
   score on the server's scale (legend below), sized by filings; every edge labelled with its link type and the
   shared value. Labels are placed greedily, best-ranked members first and then edges, each at the first spot
   (beside, below, above, diagonal; along the edge) where it covers no member and no other label; a label that fits
   nowhere is left out (the name stays in the tooltip, the detail panel and the tables). Every value is set with
   textContent, never as HTML. No library, no request: the data sits in the page as JSON. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("graph-data").textContent);
  var L = JSON.parse(document.getElementById("graph-labels").textContent);
  var NS = "http://www.w3.org/2000/svg", W = 1000, H = 700, GAP = 2;
  var AREA = { x0: 110, x1: 890, y0: 45, y1: 610 };  // node centres; labels may use the margins
  var net = document.getElementById("network"), detail = document.getElementById("detail");
  var edgeLayer = svg("g", { "class": "edges" }), nodeLayer = svg("g", { "class": "nodes" });
  var labelLayer = svg("g", { "class": "labels" }), legendLayer = svg("g", { "class": "legend" });
  [edgeLayer, nodeLayer, labelLayer, legendLayer].forEach(function (g) { net.appendChild(g); });
  var byId = {}, nodeEls = {}, edgeEls = [], taken = [];
  var n = D.nodes.length, maxR = n <= 10 ? 22 : n <= 30 ? 16 : 11;
  D.nodes.forEach(function (m) { byId[m.id] = m; });

  function svg(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = String(text); return e; }
  function X(m) { return AREA.x0 + m.x * (AREA.x1 - AREA.x0); }
  function Y(m) { return AREA.y0 + m.y * (AREA.y1 - AREA.y0); }
  function radius(m) { return Math.min(maxR, 6 + 2.5 * Math.sqrt(m.n_filings || 0)); }
  function short(s, k) { s = String(s); return s.length > k ? s.slice(0, k - 1) + "…" : s; }
  function free(b) {
    if (b[0] < 0 || b[1] < 0 || b[2] > W || b[3] > H) return false;
    for (var i = 0; i < taken.length; i++) {
      var t = taken[i];
      if (b[0] < t[2] && t[0] < b[2] && b[1] < t[3] && t[1] < b[3]) return false;
    }
    return true;
  }
  /* A text of one or more lines at the first free spot of `spots` ((w, h) -> [left, top]); null when none. */
  function place(lines, cls, spots, owner) {
    var t = svg("text", { "class": cls, "data-for": owner });
    lines.forEach(function (line, i) {
      t.appendChild(svg("tspan", { x: 0, dy: i ? "1.15em" : 0 }, line));
    });
    labelLayer.appendChild(t);
    var bb = t.getBBox();
    for (var i = 0; i < spots.length; i++) {
      var at = spots[i](bb.width, bb.height);
      var box = [at[0] - GAP, at[1] - GAP, at[0] + bb.width + GAP, at[1] + bb.height + GAP];
      if (free(box)) {
        t.setAttribute("transform", "translate(" + (at[0] - bb.x) + "," + (at[1] - bb.y) + ")");
        taken.push(box);
        return t;
      }
    }
    labelLayer.removeChild(t);
    return null;
  }
  function clear() {
    edgeEls.forEach(function (x) { x.classList.remove("sel"); });
    for (var k in nodeEls) nodeEls[k].classList.remove("sel");
  }
  function row(table, key, value) {
    var tr = el("tr"); tr.appendChild(el("th", key)); tr.appendChild(el("td", value)); table.appendChild(tr);
  }
  function showNode(m) {
    clear(); nodeEls[m.id].classList.add("sel"); detail.textContent = ""; detail.className = "detail";
    var h = el("h2"), a = el("a", m.name || m.id);
    a.setAttribute("href", "/applicant/" + encodeURIComponent(m.id)); h.appendChild(a); detail.appendChild(h);
    var t = el("table");
    row(t, "ID", m.id); row(t, L.status, m.status || L.not_listed); row(t, L.score, m.score);
    row(t, L.filings, m.n_filings); detail.appendChild(t);
  }
  function showEdge(e, line) {
    clear(); line.classList.add("sel"); detail.textContent = ""; detail.className = "detail"; var t = el("table");
    row(t, L.name, byId[e.source].name + " — " + byId[e.target].name);
    e.kinds.forEach(function (k) { row(t, L.link_type, k.label); row(t, L.shared_value, k.values.join("; ")); });
    detail.appendChild(t);
  }

  D.edges.forEach(function (e) {
    var a = byId[e.source], b = byId[e.target];
    var line = svg("line", { x1: X(a), y1: Y(a), x2: X(b), y2: Y(b), "stroke-width": 1.2 + 0.8 * (e.kinds.length - 1) });
    line.appendChild(svg("title", {}, e.label));
    line.addEventListener("click", function () { showEdge(e, line); });
    edgeLayer.appendChild(line); edgeEls.push(line);
  });
  D.nodes.forEach(function (m) {
    var r = radius(m), c = svg("circle", { "class": "node", cx: X(m), cy: Y(m), r: r, fill: m.colour, "data-id": m.id });
    c.appendChild(svg("title", {}, m.name + " (" + m.id + ") " + L.score + " " + m.score));
    c.addEventListener("click", function () { showNode(m); });
    nodeLayer.appendChild(c); nodeEls[m.id] = c;
    taken.push([X(m) - r, Y(m) - r, X(m) + r, Y(m) + r]);
  });

  var lx = 20, ly = 660, lw = 220;  // the legend's place (bottom left), kept free of labels
  taken.push([lx - 10, ly - 24, lx + lw + 150, H]);

  // names first (members best first), then the edges' type and value
  D.nodes.forEach(function (m) {
    var x = X(m), y = Y(m), r = radius(m), d = r * 0.72 + 2;
    place(m.lines, "name", [
      function (w, h) { return [x + r + 4, y - h / 2]; },
      function (w, h) { return [x - r - 4 - w, y - h / 2]; },
      function (w, h) { return [x - w / 2, y + r + 3]; },
      function (w, h) { return [x - w / 2, y - r - 3 - h]; },
      function (w, h) { return [x + d, y + d]; },
      function (w, h) { return [x - d - w, y + d]; },
      function (w, h) { return [x + d, y - d - h]; },
      function (w, h) { return [x - d - w, y - d - h]; }
    ], m.id);
  });
  D.edges.slice().sort(function (p, q) { return q.kinds.length - p.kinds.length; }).forEach(function (e) {
    var a = byId[e.source], b = byId[e.target];
    var lines = e.kinds.slice(0, 2).map(function (k) {
      return k.label + " " + short(k.values[0], 22) + (k.values.length > 1 ? " +" + (k.values.length - 1) : "");
    });
    if (e.kinds.length > 2) lines[1] += " +" + (e.kinds.length - 2);
    place(lines, "edge", [0.5, 0.38, 0.62, 0.27, 0.73].map(function (f) {
      var cx = X(a) + f * (X(b) - X(a)), cy = Y(a) + f * (Y(b) - Y(a));
      return function (w, h) { return [cx - w / 2, cy - h / 2]; };
    }), e.source + "|" + e.target);
  });

  // the legend: the score scale as a gradient with its stops, and the colour of members not on the list
  var defs = svg("defs"), grad = svg("linearGradient", { id: "score-scale" });
  D.scale.forEach(function (s) { grad.appendChild(svg("stop", { offset: s.score + "%", "stop-color": s.colour })); });
  defs.appendChild(grad); net.insertBefore(defs, net.firstChild);
  legendLayer.appendChild(svg("text", { x: lx, y: ly - 8 }, L.score));
  legendLayer.appendChild(svg("rect", { x: lx, y: ly, width: lw, height: 10, fill: "url(#score-scale)" }));
  D.scale.forEach(function (s) {
    legendLayer.appendChild(svg("text", { x: lx + lw * s.score / 100, y: ly + 24, "text-anchor": "middle" }, s.score));
  });
  legendLayer.appendChild(svg("rect", { x: lx + lw + 30, y: ly, width: 10, height: 10, fill: D.unlisted }));
  legendLayer.appendChild(svg("text", { x: lx + lw + 46, y: ly + 10 }, L.not_listed));
})();
