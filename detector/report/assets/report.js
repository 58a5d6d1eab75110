/* tmscreen report: renders the JSON data block into pages. Vanilla JS, offline, no dependencies.
   Every string from the input is put into the page with textContent or as an SVG text node, never parsed as markup. */
(function () {
  "use strict";

  var D = JSON.parse(document.getElementById("report-data").textContent);
  var L = D.labels;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var PAGE = 500;
  var state = { sort: { key: "rank", dir: 1 }, level: "", category: "", query: "", limit: PAGE };
  var appById = {};
  D.applicants.forEach(function (a) { appById[a.applicant_id] = a; });
  var clusterById = {};
  D.clusters.items.forEach(function (c) { clusterById[c.cluster_id] = c; });

  /* ---------- helpers ---------- */
  function t(key, vals) {
    var s = Object.prototype.hasOwnProperty.call(L, key) ? L[key] : key;
    if (vals) {
      Object.keys(vals).forEach(function (k) { s = s.split("{" + k + "}").join(String(vals[k])); });
    }
    return s;
  }
  function label(prefix, value) {
    var key = prefix + value;
    return Object.prototype.hasOwnProperty.call(L, key) ? L[key] : String(value);
  }
  function text(value) { return value === null || value === undefined ? "" : String(value); }
  function el(tag, opts, children) {
    var node = document.createElement(tag);
    opts = opts || {};
    if (opts.cls) node.className = opts.cls;
    if (opts.text !== undefined) node.textContent = text(opts.text);
    if (opts.title !== undefined) node.title = text(opts.title);
    if (opts.href !== undefined) node.setAttribute("href", opts.href);
    if (opts.id) node.id = opts.id;
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
    });
    return node;
  }
  function svg(tag, attrs, textValue) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (textValue !== undefined) node.textContent = text(textValue);
    return node;
  }
  function tip(node, textValue) { node.appendChild(svg("title", {}, textValue)); return node; }
  function appLink(id) { return "#/a/" + encodeURIComponent(id); }
  function clusterLink(id) { return "#/c/" + encodeURIComponent(id); }
  function levelBadge(level) {
    return el("span", { cls: "badge " + (level || "none"), text: level ? label("level_", level) : t("not_flagged") });
  }
  function fmt(n) { return typeof n === "number" ? n.toLocaleString(D.lang === "zh" ? "zh-CN" : "en-US") : text(n); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  /* ---------- generic table ---------- */
  function table(columns, rows, onRow) {
    var tbl = el("table");
    var head = el("tr", {}, columns.map(function (c) { return el("th", { cls: c.num ? "num" : "", text: c.label }); }));
    tbl.appendChild(el("thead", {}, [head]));
    var body = el("tbody");
    rows.forEach(function (r) {
      var tr = el("tr", { cls: onRow ? "clickable" : "" }, columns.map(function (c) {
        var v = c.render ? c.render(r) : r[c.key];
        var td = el("td", { cls: (c.num ? "num " : "") + (c.cls || "") });
        if (v !== null && typeof v === "object") td.appendChild(v); else td.textContent = text(v);
        return td;
      }));
      if (onRow) tr.addEventListener("click", function (ev) { if (ev.target.tagName !== "A") onRow(r); });
      body.appendChild(tr);
    });
    tbl.appendChild(body);
    return tbl;
  }

  /* ---------- charts (inline SVG) ---------- */
  function barChart(pairs, opts) {
    var w = opts.width || 560, h = opts.rotate ? 220 : 200, left = 34, bottom = opts.rotate ? 56 : 30, top = 10;
    var max = Math.max.apply(null, pairs.map(function (p) { return p[1]; }).concat([1]));
    var root = svg("svg", { width: w, height: h, viewBox: "0 0 " + w + " " + h, role: "img" });
    root.appendChild(tip(svg("g"), opts.title));
    var plotW = w - left - 8, plotH = h - top - bottom;
    var slot = pairs.length ? plotW / pairs.length : plotW, bw = Math.min(slot, 40);
    root.appendChild(svg("line", { x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH, "class": "axis" }));
    root.appendChild(svg("line", { x1: left, y1: top, x2: left, y2: top + plotH, "class": "axis" }));
    root.appendChild(svg("text", { x: left - 4, y: top + 10, "text-anchor": "end" }, max));
    root.appendChild(svg("text", { x: left - 4, y: top + plotH, "text-anchor": "end" }, 0));
    var every = Math.max(1, Math.ceil(pairs.length / (opts.maxLabels || 24)));
    pairs.forEach(function (p, i) {
      var bh = (p[1] / max) * plotH;
      var x = left + i * slot + (slot - bw) / 2;
      if (p[1] > 0) {
        root.appendChild(tip(svg("rect", { x: x + bw * 0.1, y: top + plotH - bh, width: Math.max(1, bw * 0.8), height: bh, "class": "bar" }),
          text(p[0]) + ": " + p[1]));
      }
      if (opts.showLabel ? opts.showLabel(p[0], i) : i % every === 0) {
        var lx = x + bw / 2, ly = top + plotH + 12;
        var attrs = { x: lx, y: ly, "text-anchor": "middle" };
        if (opts.rotate) { attrs["text-anchor"] = "end"; attrs.transform = "rotate(-40 " + lx + " " + ly + ")"; }
        root.appendChild(svg("text", attrs, p[0]));
      }
    });
    return root;
  }
  function classSeries(perClass) {
    var counts = {};
    perClass.forEach(function (p) { counts[p[0]] = p[1]; });
    var out = [];
    for (var c = 1; c <= 45; c++) out.push([c, counts[c] || 0]);
    return out;
  }
  function monthSeries(perMonth) {
    if (!perMonth.length) return [];
    var counts = {};
    perMonth.forEach(function (p) { counts[p[0]] = p[1]; });
    var first = perMonth[0][0].split("-").map(Number), last = perMonth[perMonth.length - 1][0].split("-").map(Number);
    var y = first[0], m = first[1], out = [];
    while ((y < last[0] || (y === last[0] && m <= last[1])) && out.length < 600) {
      var key = y + "-" + (m < 10 ? "0" : "") + m;
      out.push([key, counts[key] || 0]);
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  /* ---------- network view ---------- */
  function network(cluster, selfId) {
    var w = 900, h = 460, padX = 90, padY = 30;
    var root = svg("svg", { width: "100%", viewBox: "0 0 " + w + " " + h, role: "img", "class": "network" });
    var pos = cluster.pos || {};
    function xy(id) { var p = pos[id]; return [padX + p[0] * (w - 2 * padX), padY + p[1] * (h - 2 * padY - 14)]; }
    var members = {};
    cluster.members.forEach(function (m) { members[m.id] = m; });
    var gEdges = svg("g"), gNodes = svg("g");
    cluster.edges.forEach(function (e) {
      if (!pos[e[0]] || !pos[e[1]]) return;
      var a = xy(e[0]), b = xy(e[1]);
      var line = svg("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], "class": "edge", "stroke-width": Math.min(6, 1 + e[3]) });
      gEdges.appendChild(tip(line, e[0] + " — " + e[1] + ": " + e[2].map(function (k) { return label("link_", k); }).join(", ")));
    });
    Object.keys(pos).sort().forEach(function (id) {
      var m = members[id] || { id: id, name: id, score: 0, level: "", flagged: false };
      var p = xy(id);
      var r = 6 + Math.min(10, (m.score || 0) / 10);
      var link = svg("a", { href: appById[id] ? appLink(id) : clusterLink(cluster.cluster_id) });
      link.appendChild(tip(svg("circle", { cx: p[0], cy: p[1], r: r, "class": "node " + (m.flagged ? m.level || "high" : "other") + (id === selfId ? " self" : "") }),
        m.name + " (" + id + ") " + (m.flagged ? t("col_score") + " " + m.score : t("not_flagged"))));
      var name = text(m.name);
      if (cluster.shown <= 30 || m.flagged || id === selfId) {
        link.appendChild(svg("text", { x: p[0], y: p[1] + r + 12, "text-anchor": "middle" }, name.length > 10 ? name.slice(0, 9) + "…" : name));
      }
      gNodes.appendChild(link);
    });
    root.appendChild(gEdges);
    root.appendChild(gNodes);
    var wrap = el("div", { cls: "panel" }, [root]);
    wrap.appendChild(el("div", { cls: "legend" }, [
      el("span", {}, [el("i", { cls: "high" }), t("legend_flagged")]),
      el("span", {}, [el("i", { cls: "other" }), t("legend_other")])
    ]));
    if (cluster.shown < cluster.members.length) wrap.appendChild(el("p", { cls: "note", text: t("network_capped", { n: cluster.shown, total: cluster.members.length }) }));
    return wrap;
  }

  /* ---------- pages ---------- */
  function summary() {
    var r = D.run, box = el("section", { id: "summary" });
    box.appendChild(el("div", { cls: "cards" }, [
      card(r.counts.filings, t("filings")), card(r.counts.applicants, t("applicants")),
      card(r.counts.clusters, t("clusters")), card(r.counts.flagged, t("flagged")),
      card(r.levels.high, t("level_high"), "high"), card(r.levels.medium, t("level_medium"), "medium"), card(r.levels.low, t("level_low"), "low")
    ]));
    var cats = Object.keys(r.categories).map(function (k) { return { k: label("cat_", k), n: r.categories[k] }; });
    var rules = Object.keys(r.rule_hits).map(function (k) { return { id: k, title: (D.rules[k] || {}).title || "", n: r.rule_hits[k] }; });
    var inputs = r.inputs.map(function (i) { return { role: label("role_", i.role), path: i.path, rows: i.rows, sha: i.sha256 }; });
    var info = [
      [t("tool_version"), "tmscreen " + r.version], [t("ruleset"), r.rulesets.join("\n")],
      [t("ruleset_hash"), r.ruleset_sha256], [t("threshold"), r.threshold], [t("skipped_rows"), r.counts.skipped_rows]
    ];
    box.appendChild(el("div", { cls: "grid" }, [
      panel(t("by_category"), cats.length ? table([{ key: "k", label: t("col_category") }, { key: "n", label: t("flagged"), num: true }], cats) : el("p", { text: t("none") })),
      panel(t("by_rule"), rules.length ? table([{ key: "id", label: t("rule") }, { key: "title", label: t("col_title") }, { key: "n", label: t("col_hits"), num: true }], rules) : el("p", { text: t("none") })),
      panel(t("run"), el("div", {}, [
        kvTable(info),
        el("h3", { text: t("inputs") }),
        table([{ key: "role", label: t("input_role") }, { key: "path", label: t("path"), cls: "mono" }, { key: "rows", label: t("rows"), num: true },
          { label: t("sha256"), render: function (i) { return el("span", { cls: "mono", text: text(i.sha).slice(0, 12) + "…", title: i.sha }); } }], inputs),
        r.warnings.length ? el("div", {}, [el("h3", { text: t("warnings") }), el("ul", {}, r.warnings.map(function (w) { return el("li", { text: w }); }))]) : null
      ]))
    ]));
    return box;
  }
  function card(n, lbl, level) {
    return el("div", { cls: "card" }, [el("div", { cls: "num", text: fmt(n) }), el("div", { cls: "lbl" }, [level ? levelBadge(level) : lbl])]);
  }
  function panel(title, content) { return el("div", { cls: "panel" }, [el("h3", { text: title }), content]); }
  function kvTable(pairs) {
    return el("table", { cls: "kv" }, [el("tbody", {}, pairs.map(function (p) {
      return el("tr", {}, [el("td", { text: p[0] }), el("td", { cls: "mono", text: p[1] })]);
    }))]);
  }

  var APP_COLUMNS = [
    { key: "rank", num: true }, { key: "applicant_id", cls: "mono" }, { key: "applicant_name", cls: "appname" }, { key: "score", num: true },
    { key: "level" }, { key: "cluster_id", cls: "nowrap" }, { key: "n_filings", num: true }, { key: "n_classes", num: true }, { key: "rule_ids" }, { key: "reasons", cls: "reasons" }
  ];
  function matches(a) {
    if (state.level && a.level !== state.level) return false;
    if (state.category && a.categories.indexOf(state.category) < 0) return false;
    if (!state.query) return true;
    var q = state.query.toLowerCase();
    return [a.applicant_id, a.applicant_name, a.rule_ids, a.reasons, a.cluster_id].some(function (v) { return text(v).toLowerCase().indexOf(q) >= 0; });
  }
  function sortedRows() {
    var k = state.sort.key, dir = state.sort.dir;
    return D.applicants.filter(matches).sort(function (a, b) {
      var x = a[k], y = b[k];
      var c = typeof x === "number" && typeof y === "number" ? x - y : text(x).localeCompare(text(y), D.lang === "zh" ? "zh-CN" : "en");
      return c !== 0 ? c * dir : a.rank - b.rank;
    });
  }
  function applicantTable() {
    var box = el("section", { id: "applicants" }, [el("h2", { text: t("nav_applicants") })]);
    var search = el("input");
    search.type = "search"; search.id = "search"; search.placeholder = t("search"); search.value = state.query;
    var levelSel = select("level-filter", [["", t("all_levels")]].concat(["high", "medium", "low"].map(function (l) { return [l, label("level_", l)]; })), state.level);
    var cats = {};
    D.applicants.forEach(function (a) { a.categories.forEach(function (c) { cats[c] = 1; }); });
    var catSel = select("category-filter", [["", t("all_categories")]].concat(Object.keys(cats).sort().map(function (c) { return [c, label("cat_", c)]; })), state.category);
    var count = el("span", { cls: "note", id: "shown-count" });
    box.appendChild(el("div", { cls: "controls" }, [search, levelSel, catSel, count, el("span", { cls: "note", text: t("sort_hint") })]));
    var holder = el("div", { cls: "panel" });
    box.appendChild(holder);
    function draw() {
      var rows = sortedRows();
      count.textContent = t("shown", { n: rows.length, total: D.applicants.length });
      var tbl = el("table", { id: "applicant-table" });
      var head = el("tr");
      APP_COLUMNS.forEach(function (c) {
        var mark = state.sort.key === c.key ? (state.sort.dir > 0 ? " ▲" : " ▼") : "";
        var th = el("th", { cls: "sortable" + (c.num ? " num" : ""), text: t("col_" + c.key) + mark });
        th.addEventListener("click", function () {
          state.sort = { key: c.key, dir: state.sort.key === c.key ? -state.sort.dir : (c.num && c.key !== "rank" ? -1 : 1) };
          draw();
        });
        head.appendChild(th);
      });
      tbl.appendChild(el("thead", {}, [head]));
      var body = el("tbody");
      rows.slice(0, state.limit).forEach(function (a) {
        var tr = el("tr", { cls: "clickable" });
        tr.setAttribute("data-applicant", a.applicant_id);
        APP_COLUMNS.forEach(function (c) {
          var td = el("td", { cls: (c.num ? "num " : "") + (c.cls || "") });
          if (c.key === "applicant_name") td.appendChild(el("a", { href: appLink(a.applicant_id), text: a.applicant_name }));
          else if (c.key === "level") td.appendChild(levelBadge(a.level));
          else if (c.key === "rule_ids") text(a.rule_ids).split(";").filter(Boolean).forEach(function (r) { td.appendChild(el("span", { cls: "chip", text: r })); });
          else if (c.key === "cluster_id" && a.cluster_id) td.appendChild(el("a", { href: clusterLink(a.cluster_id), text: a.cluster_id }));
          else td.textContent = text(a[c.key]);
          tr.appendChild(td);
        });
        tr.addEventListener("click", function (ev) { if (ev.target.tagName !== "A") location.hash = appLink(a.applicant_id); });
        body.appendChild(tr);
      });
      tbl.appendChild(body);
      clear(holder).appendChild(tbl);
      if (rows.length > state.limit) {
        var more = el("button", { text: t("show_all", { n: rows.length }) });
        more.addEventListener("click", function () { state.limit = Infinity; draw(); });
        holder.appendChild(more);
      }
    }
    search.addEventListener("input", function () { state.query = search.value; draw(); });
    levelSel.addEventListener("change", function () { state.level = levelSel.value; draw(); });
    catSel.addEventListener("change", function () { state.category = catSel.value; draw(); });
    draw();
    return box;
  }
  function select(id, options, value) {
    var s = el("select", { id: id });
    options.forEach(function (o) { var opt = el("option", { text: o[1] }); opt.value = o[0]; s.appendChild(opt); });
    s.value = value;
    return s;
  }

  function ruleCard(c) {
    var rule = D.rules[c.rule_id] || { title: c.rule_id, legal_basis: [], category: "" };
    var box = el("div", { cls: "rule" });
    box.appendChild(el("div", { cls: "pts", text: "+" + c.points + (c.count > 1 ? "  ×" + c.count : "") }));
    box.appendChild(el("div", { cls: "head" }, ["[" + c.rule_id + "] " + rule.title + "  ", el("span", { cls: "chip", text: label("cat_", rule.category) })]));
    box.appendChild(el("div", { text: c.reason }));
    if (c.via_cluster) box.appendChild(el("div", { cls: "note" }, [el("a", { href: clusterLink(c.via_cluster), text: t("via_cluster", { id: c.via_cluster }) })]));
    box.appendChild(el("div", { cls: "note" }, [t("legal_basis") + ": "].concat(rule.legal_basis.map(function (b) { return el("span", { cls: "chip", text: b }); }))));
    var ev = el("details", {}, [el("summary", { text: t("evidence") }), kvTable(c.evidence)]);
    var trace = el("details", {}, [el("summary", { text: t("trace") }), el("ul", { cls: "trace" }, c.trace.map(function (line) {
      var li = el("li", {}, [el("span", { text: new Array(line[0] + 1).join("\u2003") }),
        el("span", { cls: line[1] ? "ok" : "no", text: line[1] ? "✓ " : "✗ " }), line[2]]);
      if (line[3] !== null && line[3] !== undefined) li.appendChild(el("span", { cls: "note", text: "  (" + t("saw") + ": " + text(line[3]) + ")" }));
      return li;
    }))]);
    box.appendChild(ev);
    box.appendChild(trace);
    return box;
  }

  function applicantPage(id) {
    var a = appById[id], d = D.details[id];
    var box = el("section", { id: "applicant-detail" }, [el("p", {}, [el("a", { href: "#/", text: t("back") })])]);
    if (!a || !d) { box.appendChild(el("p", { text: t("not_found", { id: id }) })); return box; }
    box.appendChild(el("div", { cls: "name", id: "detail-name", text: a.applicant_name }));
    box.appendChild(el("div", { cls: "controls" }, [
      el("span", { cls: "mono", text: a.applicant_id }), levelBadge(a.level),
      el("span", { text: t("col_score") + " " + a.score }), el("span", { cls: "note", text: t("rank_of", { rank: a.rank }) }),
      el("span", { text: t("col_n_filings") + " " + a.n_filings + " · " + t("col_n_classes") + " " + a.n_classes })
    ]));
    box.appendChild(el("h2", { text: t("rules_fired") }));
    d.contributions.forEach(function (c) { box.appendChild(ruleCard(c)); });
    box.appendChild(el("div", { cls: "grid" }, [
      panel(t("per_class"), barChart(classSeries(d.per_class), { title: t("per_class"), showLabel: function (c) { return c === 1 || c % 5 === 0; } })),
      panel(t("per_month"), barChart(monthSeries(d.per_month), { title: t("per_month"), rotate: true, maxLabels: 18 }))
    ]));
    box.appendChild(el("h2", { text: t("cluster_of") }));
    var cl = a.cluster_id ? clusterById[a.cluster_id] : null;
    if (!a.cluster_id) box.appendChild(el("p", { text: t("no_cluster") }));
    else {
      box.appendChild(el("p", {}, [el("a", { href: clusterLink(a.cluster_id), text: t("open_cluster", { id: a.cluster_id }) })]));
      box.appendChild(cl && cl.pos ? network(cl, id) : el("p", { cls: "note", text: t("no_network") }));
    }
    box.appendChild(el("h2", { text: t("filings_of") }));
    if (d.filings.length < d.n_filings) box.appendChild(el("p", { cls: "note", text: t("filings_capped", { n: d.filings.length, total: d.n_filings }) }));
    var cols = ["filing_id", "mark_text", "nice_class", "filing_date", "agent", "hit_rules"].map(function (k, i) {
      return { label: t("col_" + k), render: function (r) { return r[i]; }, cls: i === 0 ? "mono" : "" };
    });
    box.appendChild(el("div", { cls: "panel" }, [table(cols, d.filings)]));
    return box;
  }

  function clustersPage() {
    var c = D.clusters, box = el("section", { id: "clusters" }, [el("h2", { text: t("nav_clusters") }), el("p", { cls: "note", text: t("clusters_intro") })]);
    if (!c.items.length) { box.appendChild(el("p", { text: t("no_clusters") })); return box; }
    if (c.detailed < c.total) box.appendChild(el("p", { cls: "note", text: t("clusters_capped", { n: c.detailed, total: c.total }) }));
    var cols = [
      { label: t("col_cluster_id"), render: function (r) { return el("a", { href: clusterLink(r.cluster_id), text: r.cluster_id }); } },
      { key: "n_members", label: t("col_n_members"), num: true }, { key: "n_flagged", label: t("col_flagged_members"), num: true },
      { key: "n_filings", label: t("col_n_filings"), num: true }, { key: "n_classes", label: t("col_n_classes"), num: true },
      { key: "score", label: t("col_score"), num: true },
      { label: t("col_links"), render: function (r) { return linkSummary(r.links); } }
    ];
    box.appendChild(el("div", { cls: "panel" }, [table(cols, c.items, function (r) { location.hash = clusterLink(r.cluster_id); })]));
    return box;
  }
  function linkSummary(links) {
    return text(links).split(";").filter(Boolean).map(function (part) {
      var bits = part.split("×");
      return label("link_", bits[0]) + (bits.length > 1 ? " ×" + bits[1] : "");
    }).join("; ");
  }

  function clusterPage(id) {
    var c = clusterById[id];
    var box = el("section", { id: "cluster-detail" }, [el("p", {}, [el("a", { href: "#/clusters", text: t("back") })])]);
    if (!c) { box.appendChild(el("p", { text: t("not_found", { id: id }) })); return box; }
    box.appendChild(el("div", { cls: "name", text: t("col_cluster_id") + " " + c.cluster_id }));
    box.appendChild(el("div", { cls: "cards" }, [card(c.n_members, t("col_n_members")), card(c.n_flagged, t("col_flagged_members")),
      card(c.n_filings, t("col_n_filings")), card(c.n_classes, t("col_n_classes")), card(c.score, t("col_score"))]));
    box.appendChild(el("p", { text: t("col_links") + ": " + linkSummary(c.links) }));
    if (!c.pos) { box.appendChild(el("p", { cls: "note", text: t("no_network") })); return box; }
    box.appendChild(el("h2", { text: t("network") }));
    box.appendChild(network(c, null));
    box.appendChild(el("h2", { text: t("members") }));
    var cols = [
      { label: t("col_applicant_id"), render: function (m) { return appById[m.id] ? el("a", { href: appLink(m.id), text: m.id }) : m.id; }, cls: "mono" },
      { key: "name", label: t("col_applicant_name") }, { key: "score", label: t("col_score"), num: true },
      { label: t("col_level"), render: function (m) { return levelBadge(m.flagged ? m.level : ""); } }
    ];
    box.appendChild(el("div", { cls: "panel" }, [table(cols, c.members)]));
    box.appendChild(el("h2", { text: t("link_evidence") }));
    if (c.evidence.length < c.n_evidence) box.appendChild(el("p", { cls: "note", text: t("edges_capped", { n: c.evidence.length, total: c.n_evidence }) }));
    var ecols = ["src", "dst", "link_type", "value", "weight"].map(function (k, i) {
      return { label: t("col_" + k), render: function (r) { return k === "link_type" ? label("link_", r[i]) : r[i]; }, cls: i < 2 ? "mono" : "" };
    });
    box.appendChild(el("div", { cls: "panel" }, [table(ecols, c.evidence)]));
    return box;
  }

  /* ---------- routing ---------- */
  function route() {
    var hash = location.hash || "#/";
    var app = clear(document.getElementById("app"));
    var page = "home";
    if (hash.indexOf("#/a/") === 0) { page = "applicant"; app.appendChild(applicantPage(decodeURIComponent(hash.slice(4)))); }
    else if (hash.indexOf("#/c/") === 0) { page = "clusters"; app.appendChild(clusterPage(decodeURIComponent(hash.slice(4)))); }
    else if (hash === "#/clusters") { page = "clusters"; app.appendChild(clustersPage()); }
    else { app.appendChild(summary()); app.appendChild(applicantTable()); }
    var nav = clear(document.getElementById("nav"));
    [["#/", t("nav_summary"), "home"], ["#/clusters", t("nav_clusters"), "clusters"]].forEach(function (n) {
      nav.appendChild(el("a", { href: n[0], text: n[1], cls: page === n[2] ? "active" : "" }));
    });
    document.body.setAttribute("data-page", page);
    window.scrollTo(0, 0);
  }
  document.getElementById("footer").textContent = t("offline_note", { version: D.run.version });
  window.addEventListener("hashchange", route);
  route();
  document.body.setAttribute("data-rendered", "1");
})();
