/* Filters (event type, country, date range), the counts per type, and the visible totals.
   A filter hides cards and articles; it never changes the corrections. */
(function (R) {
  R.filters = { type: "", country: "", from: "", to: "" };

  function active() {
    var f = R.filters;
    return Boolean(f.type || f.country || f.from || f.to);
  }

  /* Incidents dated by a range overlap the filter range; undated ones never match a date filter. */
  R.matches = function (data, ignoreType) {
    var f = R.filters;
    if (f.type && !ignoreType && data.event_type !== f.type) return false;
    if (f.country && (data.location || {}).country !== f.country) return false;
    if (f.from || f.to) {
      var date = data.date || {};
      if (!date.start) return false;
      var end = date.end || date.start;
      if (f.from && end < f.from) return false;
      if (f.to && date.start > f.to) return false;
    }
    return true;
  };

  R.renderFilters = function () {
    var vocab = R.data.vocab;
    var box = document.getElementById("filters");
    R.clear(box);
    var update = function (name) {
      return function (event) {
        R.filters[name] = event.target.value;
        R.page = 0;
        R.applyFilters();
      };
    };
    var countries = Object.keys(vocab.countries).sort();
    box.appendChild(R.el("label", {}, ["Event type ", R.el("select", { id: "filter-type",
      on: { change: update("type") } }, [R.el("option", { value: "" }, ["all"])].concat(
      vocab.event_types.map(function (p) { return R.el("option", { value: p[0] }, [p[1]]); })))]));
    box.appendChild(R.el("label", {}, ["Country ", R.el("select", { id: "filter-country",
      on: { change: update("country") } }, [R.el("option", { value: "" }, ["all"])].concat(
      countries.map(function (c) {
        return R.el("option", { value: c }, [c + " · " + vocab.countries[c]]); })))]));
    box.appendChild(R.el("label", {}, ["From ", R.el("input", { type: "date", id: "filter-from",
      on: { change: update("from"), input: update("from") } })]));
    box.appendChild(R.el("label", {}, ["To ", R.el("input", { type: "date", id: "filter-to",
      on: { change: update("to"), input: update("to") } })]));
    box.appendChild(R.el("button", { type: "button", id: "filter-clear", on: { click: function () {
      R.filters = { type: "", country: "", from: "", to: "" };
      ["filter-type", "filter-country", "filter-from", "filter-to"].forEach(function (id) {
        document.getElementById(id).value = ""; });
      R.page = 0;
      R.applyFilters();
    } } }, ["Clear filters"]));
  };

  function renderTypeCounts(perType) {
    var box = document.getElementById("type-counts");
    R.clear(box);
    R.data.vocab.event_types.forEach(function (pair) {
      var n = perType[pair[0]] || 0;
      box.appendChild(R.el("button", {
        type: "button", class: "type-count" + (R.filters.type === pair[0] ? " active" : ""),
        "data-type": pair[0], "data-count": n,
        on: { click: function () {
          R.filters.type = R.filters.type === pair[0] ? "" : pair[0];
          document.getElementById("filter-type").value = R.filters.type;
          R.page = 0;
          R.applyFilters();
        } },
      }, [pair[1] + " ", R.el("b", {}, [String(n)])]));
    });
  }

  R.applyFilters = function () {
    var shownIncidents = 0;
    var totalIncidents = 0;
    var okArticles = 0;
    var perType = {};
    var visible = [];
    var shown = [];
    R.data.articles.forEach(function (article, a) {
      if (!article.ok) return;
      okArticles += 1;
      var any = false;
      R.state.articles[a].incidents.forEach(function (entry) {
        totalIncidents += 1;
        var on = R.matches(entry.data, false);
        if (R.matches(entry.data, true) && entry.data.event_type) {
          perType[entry.data.event_type] = (perType[entry.data.event_type] || 0) + 1;
        }
        if (on) { shownIncidents += 1; any = true; visible.push({ a: a, entry: entry }); }
      });
      if (any || !active()) shown.push(a);
    });
    var shownArticles = shown.length;
    R.showPage(shown).forEach(function (a) {
      R.state.articles[a].incidents.forEach(function (entry) {
        var card = R.articleNodes[a].querySelector('.card[data-key="' + entry.key + '"]');
        if (card) card.classList.toggle("hidden", !R.matches(entry.data, false));
      });
    });
    renderTypeCounts(perType);
    var failed = R.data.articles.length - okArticles;
    var summary = document.getElementById("summary");
    R.clear(summary);
    summary.appendChild(R.el("span", {}, ["Showing ",
      R.el("span", { id: "count-incidents" }, [String(shownIncidents)]), " of " + totalIncidents +
      " incidents in ", R.el("span", { id: "count-articles" }, [String(shownArticles)]),
      " of " + okArticles + " articles" +
      (failed ? "; " + failed + " failed (listed at the end)" : "")]));
    R.renderMap(visible);
  };
})(Review);
