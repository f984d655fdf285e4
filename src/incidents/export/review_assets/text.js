/* The article text with its evidence highlighted. The text element holds the article and
   nothing else (text nodes and highlight spans), so a selection's offset is the length of the
   text before it; spans are placed by UTF-16 index, converted from the data's code points. */
(function (R) {
  R.offsetsOf = function (a) {
    var article = R.data.articles[a];
    if (!article._offsets) article._offsets = R.offsets(article.text);
    return article._offsets;
  };

  R.renderText = function (a, node) {
    var text = R.data.articles[a].text;
    var off = R.offsetsOf(a);
    var spans = [];
    var cuts = [0, text.length];
    R.state.articles[a].incidents.forEach(function (entry) {
      (entry.data.evidence || []).forEach(function (ev) {
        var s = off.toU16(ev.start);
        var e = off.toU16(ev.end);
        if (e <= s) return;
        spans.push({ s: s, e: e, key: entry.key });
        cuts.push(s, e);
      });
    });
    cuts = Array.from(new Set(cuts)).sort(function (x, y) { return x - y; });
    R.clear(node);
    for (var c = 0; c + 1 < cuts.length; c++) {
      var from = cuts[c];
      var to = cuts[c + 1];
      var keys = spans.filter(function (sp) { return sp.s <= from && to <= sp.e; })
        .map(function (sp) { return sp.key; });
      var piece = text.slice(from, to);
      if (!keys.length) {
        node.appendChild(document.createTextNode(piece));
      } else {
        var unique = Array.from(new Set(keys)).join(" ");
        node.appendChild(R.el("span", { class: "ev", "data-keys": unique }, [piece]));
      }
    }
  };

  /* A click on a highlight selects its incident; on text covered by several incidents,
     each click moves to the next one. A click that ends a text selection does nothing. */
  R.onTextClick = function (event) {
    var selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    var span = event.target.closest ? event.target.closest(".ev") : null;
    if (!span) return;
    var keys = span.getAttribute("data-keys").split(" ");
    var at = keys.indexOf(R.selected);
    R.select(keys[(at + 1) % keys.length], { scrollCard: true, scrollText: false });
  };

  R.highlight = function (key, scroll) {
    var first = null;
    document.querySelectorAll(".ev").forEach(function (span) {
      var on = key != null && span.getAttribute("data-keys").split(" ").indexOf(key) >= 0;
      span.classList.toggle("sel", on);
      if (on && !first) first = span;
    });
    if (first && scroll) first.scrollIntoView({ block: "center", behavior: "auto" });
  };

  /* The current selection inside article a's text as code-point offsets, trimmed of
     surrounding white space; null (with the reason in R.selectionProblem) otherwise. */
  R.selectionIn = function (a, node) {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      R.selectionProblem = "Select the evidence in this article's text first.";
      return null;
    }
    var range = selection.getRangeAt(0);
    if (!node.contains(range.startContainer) || !node.contains(range.endContainer)) {
      R.selectionProblem = "The selection must lie inside this article's text.";
      return null;
    }
    var before = document.createRange();
    before.selectNodeContents(node);
    before.setEnd(range.startContainer, range.startOffset);
    var text = R.data.articles[a].text;
    var s = before.toString().length;
    var e = s + range.toString().length;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e <= s) {
      R.selectionProblem = "The selection holds only white space.";
      return null;
    }
    var off = R.offsetsOf(a);
    var start = off.toCp(s);
    var end = off.toCp(e);
    return { start: start, end: end, text: text.slice(off.toU16(start), off.toU16(end)) };
  };
})(Review);
