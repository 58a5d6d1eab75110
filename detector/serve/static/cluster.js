/* The cluster page's network: SVG from positions computed on the server (graphs.layout); members coloured by
   score and sized by filings, edges labelled with the link type and the shared value. Every value is set with
   textContent, never as HTML. No library, no request: the data sits in the page as JSON. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("graph-data").textContent);
  var L = JSON.parse(document.getElementById("graph-labels").textContent);
  var NS = "http://www.w3.org/2000/svg", W = 1000, H = 700;
  var net = document.getElementById("network"), detail = document.getElementById("detail");
  var byId = {}, nodeEls = {}, edgeEls = [];
  D.nodes.forEach(function (n) { byId[n.id] = n; });
  function svg(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = String(text); return e; }
  function X(n) { return 40 + n.x * (W - 80); }
  function Y(n) { return 40 + n.y * (H - 80); }
  function radius(n) { return 7 + Math.min(18, 3 * Math.sqrt(n.n_filings || 0)); }
  function clear() {
    edgeEls.forEach(function (x) { x.classList.remove("sel"); });
    for (var k in nodeEls) nodeEls[k].classList.remove("sel");
  }
  function row(table, key, value) {
    var tr = el("tr"); tr.appendChild(el("th", key)); tr.appendChild(el("td", value)); table.appendChild(tr);
  }
  function showNode(n) {
    clear(); nodeEls[n.id].classList.add("sel"); detail.textContent = ""; detail.className = "detail";
    detail.appendChild(el("h2", n.name)); var t = el("table");
    row(t, "ID", n.id); row(t, L.score, n.score); row(t, L.filings, n.n_filings); detail.appendChild(t);
  }
  function showEdge(e, line) {
    clear(); line.classList.add("sel"); detail.textContent = ""; detail.className = "detail"; var t = el("table");
    row(t, L.name, byId[e.source].name + " — " + byId[e.target].name);
    row(t, L.link_type, e.link_types.join(", ")); row(t, L.shared_value, e.label); detail.appendChild(t);
  }
  D.edges.forEach(function (e) {
    var a = byId[e.source], b = byId[e.target];
    var line = svg("line", { x1: X(a), y1: Y(a), x2: X(b), y2: Y(b) });
    line.appendChild(svg("title", {}, e.label));
    line.addEventListener("click", function () { showEdge(e, line); });
    net.appendChild(line); edgeEls.push(line);
    if (D.edges.length <= 60) {
      net.appendChild(svg("text", { x: (X(a) + X(b)) / 2, y: (Y(a) + Y(b)) / 2 - 3, "class": "edge" }, e.link_types.join("+")));
    }
  });
  D.nodes.forEach(function (n) {
    var c = svg("circle", { cx: X(n), cy: Y(n), r: radius(n), fill: n.colour });
    c.appendChild(svg("title", {}, n.name + " (" + n.id + ") " + L.score + " " + n.score));
    c.addEventListener("click", function () { showNode(n); });
    net.appendChild(c); nodeEls[n.id] = c;
    if (D.nodes.length <= 80) net.appendChild(svg("text", { x: X(n) + radius(n) + 3, y: Y(n) + 4 }, n.name));
  });
})();
