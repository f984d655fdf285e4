/* The analyst's work: one entry per article (reviewed flag, incidents with their review
   status, deleted incidents), saved to localStorage under a key made from the hash of the
   embedded results, so a reload (or reopening the file) loses nothing, and the work on one
   results file never leaks into the page of another. */
(function (R) {
  var STORE_VERSION = 1;
  R.STATUSES = ["unchecked", "right", "wrong", "edited", "added"];

  R.initState = function (data) {
    R.storageKey = "incidents-review:" + data.results_sha256;
    var fresh = {
      version: STORE_VERSION,
      next: 1,
      articles: data.articles.map(function (article, a) {
        return {
          reviewed: false,
          deleted: [],
          incidents: article.incidents.map(function (incident, i) {
            return { key: "a" + a + "-m" + i, origin: "model", status: "unchecked",
              data: R.clone(incident) };
          }),
        };
      }),
    };
    var stored = null;
    try {
      stored = JSON.parse(window.localStorage.getItem(R.storageKey) || "null");
    } catch (err) {
      stored = null; /* unreadable or blocked storage: start fresh, say so below */
    }
    R.restored = Boolean(stored && stored.version === STORE_VERSION &&
      stored.articles && stored.articles.length === fresh.articles.length);
    R.state = R.restored ? stored : fresh;
  };

  R.save = function () {
    var where = document.getElementById("saved");
    try {
      window.localStorage.setItem(R.storageKey, JSON.stringify(R.state));
      where.textContent = "Saved in this browser " + new Date().toLocaleTimeString();
    } catch (err) {
      where.textContent = "Could not save in this browser (" + err.name + "): download often.";
    }
  };

  R.discard = function () {
    try { window.localStorage.removeItem(R.storageKey); } catch (err) { /* nothing saved */ }
  };

  R.newKey = function (a) {
    R.state.next += 1;
    return "a" + a + "-n" + R.state.next;
  };

  R.findIncident = function (key) {
    var articles = R.state.articles;
    for (var a = 0; a < articles.length; a++) {
      var list = articles[a].incidents;
      for (var i = 0; i < list.length; i++) {
        if (list[i].key === key) return { a: a, i: i, entry: list[i] };
      }
    }
    return null;
  };

  /* Why an article cannot be marked Reviewed yet (empty when it can). */
  R.blockers = function (a) {
    var article = R.data.articles[a];
    var problems = [];
    if (!article.ok) return ["the extraction failed"];
    if (article.text == null) {
      return ["the results hold no article text (written before it was kept)"];
    }
    R.state.articles[a].incidents.forEach(function (entry, n) {
      var label = "incident " + (n + 1);
      if (entry.status === "wrong") problems.push(label + " is marked wrong: edit or delete it");
      if (!entry.data.event_type || !entry.data.sub_event_type) {
        problems.push(label + " has no type");
      }
      if (!entry.data.summary) problems.push(label + " has no summary");
    });
    return problems;
  };

  function withReview(entry) {
    var incident = R.clone(entry.data);
    incident.review = entry.status;
    return incident;
  }

  /* The corrections file (format "incidents-corrections", version 1). */
  R.corrections = function () {
    return {
      format: "incidents-corrections",
      version: 1,
      schema_version: R.data.schema_version,
      results_sha256: R.data.results_sha256,
      saved_at: new Date().toISOString(),
      articles: R.data.articles.map(function (article, a) {
        var mine = R.state.articles[a];
        if (!article.ok) {
          return { id: article.id, failed: article.reason, reviewed: false, incidents: [] };
        }
        return {
          id: article.id,
          language: article.language,
          published: article.published,
          title: article.title,
          url: article.url,
          model: article.model,
          text: article.text,
          reviewed: Boolean(mine.reviewed),
          incidents: mine.incidents.map(withReview),
          deleted: mine.deleted.map(withReview),
        };
      }),
    };
  };
})(Review);
