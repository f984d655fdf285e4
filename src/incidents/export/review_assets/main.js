/* Wiring: read the embedded data, restore saved work, draw articles, cards, filters and map,
   and answer the toolbar (download corrections, discard work). */
(function (R) {
  function blankIncident(span) {
    return { summary: "", event_type: null, sub_event_type: null,
      date: { start: null, end: null, precision: "unknown", text: null },
      location: {}, actors: [], fatalities: null, injured: null, detained: null,
      reported_by: null, evidence: [span] };
  }

  function keepSelection(event) {
    event.preventDefault(); /* pressing the button must not clear the text selection */
  }

  function head(article, a) {
    var mine = R.state.articles[a];
    var message = R.el("span", { class: "error article-message" }, [R.messages[a] || ""]);
    var box = R.el("input", { type: "checkbox", class: "reviewed", checked: Boolean(mine.reviewed),
      disabled: article.text == null,
      on: { change: function (event) {
        if (event.target.checked && R.blockers(a).length) {
          R.messages[a] = "Not yet: " + R.blockers(a).join("; ") + ".";
          mine.reviewed = false;
        } else {
          R.messages[a] = "";
          mine.reviewed = event.target.checked;
        }
        R.changed(a, null);
      } } });
    return R.el("div", { class: "article-head" }, [
      R.el("h2", { dir: "auto" }, [article.title || article.id]),
      R.el("span", { class: "muted" }, [[article.id, article.language,
        article.published ? "published " + article.published : "no publication date",
        article.url, article.model].filter(Boolean).join(" · ")]),
      R.el("label", { title: "Only reviewed articles are imported as gold." }, [box,
        " Reviewed (its incidents are gold)"]),
      article.text != null ? R.el("button", { type: "button", class: "add-incident",
        on: { mousedown: keepSelection, click: function () { R.addFromSelection(a); } } },
        ["Add incident from selection"]) : null,
      message,
    ]);
  }

  /* Redraw article `a` where it stands; only the current page's articles are drawn, unless
     `create` (the pager draws a page's new articles and puts them in order). */
  R.renderArticle = function (a, create) {
    if (!R.articleNodes[a] && !create) return;
    var article = R.data.articles[a];
    var mine = R.state.articles[a];
    var textNode = null;
    if (article.text != null) {
      textNode = R.el("div", { class: "article-text", dir: "auto", lang: article.language,
        on: { click: R.onTextClick } });
      R.renderText(a, textNode);
    }
    var cards = R.el("div", { class: "cards" }, mine.incidents.map(function (entry, n) {
      return R.renderCard(a, entry, n);
    }));
    if (!mine.incidents.length) cards.appendChild(R.el("p", { class: "muted" }, ["No incident."]));
    var section = R.el("article", { class: "article" + (mine.reviewed ? " reviewed" : ""),
      "data-index": a, "data-id": article.id }, [
      head(article, a),
      R.el("div", { class: "article-body" }, [
        textNode || R.el("p", { class: "notice no-text" }, ["This result was written before " +
          "results kept the article text: its incidents and evidence quotes are shown without " +
          "the article, and it cannot be imported as gold."]),
        cards,
      ]),
    ]);
    var old = R.articleNodes[a];
    if (old && old.parentNode) old.parentNode.replaceChild(section, old);
    R.articleNodes[a] = section;
  };

  R.addFromSelection = function (a) {
    var node = R.articleNodes[a].querySelector(".article-text");
    var span = R.selectionIn(a, node);
    if (!span) {
      R.messages[a] = R.selectionProblem;
      R.renderArticle(a);
      return;
    }
    R.messages[a] = "";
    var entry = { key: R.newKey(a), origin: "analyst", status: "added", data: blankIncident(span) };
    R.state.articles[a].incidents.push(entry);
    R.state.articles[a].reviewed = false;
    window.getSelection().removeAllRanges();
    R.save();
    R.openEditor(entry.key);
    R.applyFilters();
  };

  R.select = function (key, how) {
    var found = key ? R.findIncident(key) : null;
    if (found) R.goToArticle(found.a); /* an incident picked on the plot may be on another page */
    R.selected = key;
    var card = null;
    document.querySelectorAll(".card").forEach(function (node) {
      var on = node.getAttribute("data-key") === key;
      node.classList.toggle("selected", on);
      if (on) card = node;
    });
    document.querySelectorAll("#map .point").forEach(function (dot) {
      dot.classList.toggle("sel", dot.getAttribute("data-key") === key);
    });
    R.highlight(key, how && how.scrollText);
    if (card && how && how.scrollCard) card.scrollIntoView({ block: "nearest" });
  };

  R.changed = function (a, key) {
    R.save();
    R.renderArticle(a);
    R.applyFilters();
    updateProgress();
    R.select(key === undefined ? R.selected : key || R.selected, {});
  };

  function updateProgress() {
    var ok = R.data.articles.filter(function (article) { return article.ok; }).length;
    var done = R.state.articles.filter(function (mine) { return mine.reviewed; }).length;
    document.getElementById("progress").textContent = done + " of " + ok + " articles reviewed";
  }

  function download() {
    var blob = new Blob([JSON.stringify(R.corrections(), null, 1)], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var name = "corrections-" + R.data.results_sha256.slice(0, 12) + ".json";
    var link = R.el("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function renderFailed() {
    var box = document.getElementById("failed");
    var failed = R.data.articles.filter(function (article) { return !article.ok; });
    if (!failed.length) return;
    box.appendChild(R.el("h2", {}, ["Failed articles (" + failed.length + ")"]));
    failed.forEach(function (article) {
      box.appendChild(R.el("div", { class: "failed", "data-id": article.id }, [
        R.el("b", { dir: "auto" }, [article.id]), article.url ? " · " + article.url : null,
        R.el("div", { class: "reason" }, ["Not extracted: " + article.reason]),
      ]));
    });
  }

  function start() {
    R.data = JSON.parse(document.getElementById("review-data").textContent);
    R.messages = {};
    R.selected = null;
    R.editing = null;
    R.initState(R.data);
    renderFailed();
    R.renderFilters();
    R.applyFilters();
    updateProgress();
    document.getElementById("saved").textContent = R.restored ? "Restored your saved work." : "";
    document.getElementById("download").addEventListener("click", download);
    document.getElementById("reset").addEventListener("click", function () {
      if (window.confirm("Discard every correction made on this page?")) {
        R.discard();
        window.location.reload();
      }
    });
    document.body.setAttribute("data-ready", "1");
  }

  start();
})(Review);
