/* An offline map: located incidents on a longitude/latitude plot (equirectangular, shrunk in
   longitude by cos(latitude) so shapes keep their proportions) with a labelled graticule.
   No tiles or coastlines are fetched; a point's click selects its incident. */
(function (R) {
  var NS = "http://www.w3.org/2000/svg";
  var W = 800;
  var H = 340;
  var PAD = 34;

  function svg(tag, attrs, text) {
    var node = document.createElementNS(NS, tag);
    for (var k in attrs) node.setAttribute(k, String(attrs[k]));
    if (text != null) node.appendChild(document.createTextNode(text));
    return node;
  }

  function step(span) {
    var steps = [0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 45];
    for (var i = 0; i < steps.length; i++) if (span / steps[i] <= 8) return steps[i];
    return 60;
  }

  function deg(value, pos, neg) {
    var v = Math.round(value * 100) / 100;
    return Math.abs(v) + "°" + (v >= 0 ? pos : neg);
  }

  /* A label goes beside its point, moved down or up a line at a time until it overlaps no
     label already drawn; a name drawn already at about the same place is not repeated. */
  function placeLabel(root, placed, name, lx, ly) {
    var width = name.length * 6.5;
    for (var t = 0; t < 9; t++) {
      var dy = (t % 2 ? 1 : -1) * Math.ceil(t / 2) * 13;
      var box = [lx, ly + dy - 10, lx + width, ly + dy + 2];
      var same = placed.some(function (b) {
        return b.name === name && Math.abs(b.box[0] - lx) < 12 && Math.abs(b.box[3] - ly - 2) < 12;
      });
      if (same) return;
      var clash = placed.some(function (b) {
        return box[0] < b.box[2] && b.box[0] < box[2] && box[1] < b.box[3] && b.box[1] < box[3];
      });
      if (!clash) {
        placed.push({ name: name, box: box });
        root.appendChild(svg("text", { class: "label", x: lx, y: ly + dy }, name));
        return;
      }
    }
  }

  R.renderMap = function (visible) {
    var panel = document.getElementById("map-panel");
    R.clear(panel);
    var points = visible.filter(function (v) {
      var loc = v.entry.data.location || {};
      return typeof loc.latitude === "number" && typeof loc.longitude === "number";
    });
    if (!points.length) {
      panel.appendChild(R.el("p", { class: "muted", id: "map-empty" },
        ["No located incident to plot (an incident has coordinates when its place was " +
          "resolved)."]));
      return;
    }
    var lons = points.map(function (p) { return p.entry.data.location.longitude; });
    var lats = points.map(function (p) { return p.entry.data.location.latitude; });
    var midLat = (Math.min.apply(null, lats) + Math.max.apply(null, lats)) / 2;
    var k = Math.max(0.2, Math.cos(midLat * Math.PI / 180));
    var lonSpan = Math.max(Math.max.apply(null, lons) - Math.min.apply(null, lons), 2) * 1.3;
    var latSpan = Math.max(Math.max.apply(null, lats) - Math.min.apply(null, lats), 2) * 1.3;
    var scale = Math.min((W - 2 * PAD) / (lonSpan * k), (H - 2 * PAD) / latSpan);
    var cLon = (Math.min.apply(null, lons) + Math.max.apply(null, lons)) / 2;
    var x = function (lon) { return W / 2 + (lon - cLon) * k * scale; };
    var y = function (lat) { return H / 2 - (lat - midLat) * scale; };
    var lonMin = cLon - (W / 2) / (k * scale);
    var lonMax = cLon + (W / 2) / (k * scale);
    var latMin = midLat - (H / 2) / scale;
    var latMax = midLat + (H / 2) / scale;

    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", id: "map",
      "aria-label": "Located incidents by longitude and latitude" });
    var s = step(lonMax - lonMin);
    for (var lon = Math.ceil(lonMin / s) * s; lon <= lonMax; lon += s) {
      root.appendChild(svg("line", { class: "grid", x1: x(lon), x2: x(lon), y1: 0, y2: H }));
      root.appendChild(svg("text", { class: "tick", x: x(lon) + 2, y: H - 4 }, deg(lon, "E", "W")));
    }
    s = step(latMax - latMin);
    for (var lat = Math.ceil(latMin / s) * s; lat <= latMax; lat += s) {
      root.appendChild(svg("line", { class: "grid", x1: 0, x2: W, y1: y(lat), y2: y(lat) }));
      root.appendChild(svg("text", { class: "tick", x: 2, y: y(lat) - 2 }, deg(lat, "N", "S")));
    }
    var placed = [];
    var dots = [];
    points.forEach(function (p) {
      var loc = p.entry.data.location;
      var px = x(loc.longitude);
      var py = y(loc.latitude);
      /* Points a few pixels apart (one town, or towns close at this scale) fan out on a small
         ring so each stays clickable. */
      var near = dots.filter(function (d) {
        return Math.abs(d[0] - px) < 6 && Math.abs(d[1] - py) < 6;
      });
      dots.push([px, py]);
      if (near.length) {
        px += 9 * Math.cos(near.length * 2.1);
        py += 9 * Math.sin(near.length * 2.1);
      }
      var dot = svg("circle", { class: "point" + (R.selected === p.entry.key ? " sel" : ""),
        cx: px, cy: py, r: 6, "data-key": p.entry.key });
      dot.appendChild(svg("title", {}, R.typeText(p.entry.data) + " · " + (loc.name || "")));
      dot.addEventListener("click", function () {
        R.select(p.entry.key, { scrollCard: true, scrollText: true });
      });
      root.appendChild(dot);
      if (loc.name) placeLabel(root, placed, loc.name, px + 9, py + 4);
    });
    panel.appendChild(root);
    panel.appendChild(R.el("p", { class: "muted" }, [points.length + " of " + visible.length +
      " shown incidents located; click a point to select its incident."]));
  };
})(Review);
