/* Pages of articles: a results file of thousands of articles is drawn one page at a time, so
   the page opens as fast whatever its size; counts, filters, the plot and the corrections cover
   every article. Elements of the articles on the current page are kept by index (a
   document-wide selector per article made drawing quadratic). */
(function (R) {
  R.page = 0;
  R.shown = [];        /* indexes of the articles that pass the filters, in file order */
  R.articleNodes = {}; /* index -> element, for the articles on the current page */

  /* Draw the current page of `shown`; returns the indexes on it. */
  R.showPage = function (shown) {
    var size = R.data.page_size;
    var pages = Math.max(1, Math.ceil(shown.length / size));
    if (R.page >= pages) R.page = pages - 1;
    var onPage = shown.slice(R.page * size, (R.page + 1) * size);
    var keep = {};
    onPage.forEach(function (a) { keep[a] = true; });
    Object.keys(R.articleNodes).forEach(function (a) {
      if (!keep[a]) { R.articleNodes[a].remove(); delete R.articleNodes[a]; }
    });
    var box = document.getElementById("articles");
    onPage.forEach(function (a) {
      if (!R.articleNodes[a]) R.renderArticle(a, true);
      box.appendChild(R.articleNodes[a]); /* moves a kept element into file order */
    });
    R.shown = shown;
    renderPager(shown.length, pages);
    return onPage;
  };

  /* Make the page holding article `a` current (when a filter shows it). */
  R.goToArticle = function (a) {
    var at = R.shown.indexOf(a);
    if (at < 0 || R.articleNodes[a]) return;
    R.page = Math.floor(at / R.data.page_size);
    R.applyFilters();
  };

  function turn(by) {
    return function () {
      R.page += by;
      R.applyFilters();
      document.getElementById("articles").scrollIntoView({ block: "start" });
    };
  }

  function renderPager(count, pages) {
    var box = document.getElementById("pager");
    R.clear(box);
    if (pages <= 1) return;
    var size = R.data.page_size;
    var first = R.page * size + 1;
    var last = Math.min(count, first + size - 1);
    box.appendChild(R.el("button", { type: "button", id: "pager-prev", disabled: R.page === 0,
      on: { click: turn(-1) } }, ["‹ Previous"]));
    box.appendChild(R.el("span", { id: "pager-range" }, ["Articles " + first + "–" + last +
      " of " + count + " (page " + (R.page + 1) + " of " + pages + ")"]));
    box.appendChild(R.el("button", { type: "button", id: "pager-next",
      disabled: R.page >= pages - 1, on: { click: turn(1) } }, ["Next ›"]));
  }
})(Review);
