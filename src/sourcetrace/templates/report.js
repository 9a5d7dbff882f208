/* sourcetrace report behaviour. It only toggles classes and attributes and sets textContent:
   it never builds HTML, so nothing from the articles can become markup. */
(function () {
  "use strict";
  var derivedText = document.getElementById("derived-text");
  var sourceText = document.getElementById("source-text");
  var status = document.getElementById("source-status");
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var selects = {
    kind: document.getElementById("filter-kind"),
    severity: document.getElementById("filter-severity"),
    speaker: document.getElementById("filter-speaker")
  };
  var count = document.getElementById("filter-count");
  var current = null;

  function each(nodes, fn) { Array.prototype.forEach.call(nodes, fn); }
  function marksOf(root, index) { return root.querySelectorAll('[data-f~="' + index + '"]'); }
  function item(index) { return document.getElementById("f-" + index); }
  function visible(index) { var li = item(index); return li !== null && !li.hidden; }

  /* Scroll `el` to the middle of its own pane without moving the page, unless the pane itself
     is off screen (narrow layouts, or a click in the quotes table below the panes). */
  function reveal(el) {
    var pane = el.closest(".pane");
    if (pane === null) { el.scrollIntoView({ block: "center" }); return; }
    var box = pane.getBoundingClientRect();
    var where = el.getBoundingClientRect();
    pane.scrollTop += (where.top - box.top) - (pane.clientHeight - where.height) / 2;
    where = el.getBoundingClientRect();
    if (where.top < 0 || where.bottom > window.innerHeight) {
      el.scrollIntoView({ block: "center" });
    }
  }

  function clearActive() {
    each(document.querySelectorAll(".is-current, .is-active, .is-aligned"), function (el) {
      el.classList.remove("is-current", "is-active", "is-aligned");
      el.removeAttribute("data-active");
    });
    items.forEach(function (li) { li.setAttribute("aria-expanded", "false"); });
  }

  /* Select finding `index`: mark it in the list, the derived text and the source text, and
     scroll each pane to it. `from` says where the click came from, so that pane stays put. */
  function activate(index, from) {
    var li = item(index);
    if (li === null) { return; }
    clearActive();
    current = String(index);
    li.classList.add("is-active");
    li.setAttribute("aria-expanded", "true");
    var derivedMarks = marksOf(derivedText, index);
    var sourceMarks = marksOf(sourceText, index);
    each(derivedMarks, function (el) { el.classList.add("is-current"); });
    each(sourceMarks, function (el) {
      el.classList.add("is-active");
      el.setAttribute("data-active", "true");
    });
    /* The source passage is revealed last: when the panes are stacked (narrow screens) the
       page scroll that wins is the one to the source, which is what the reader asked for. */
    if (from !== "list") { reveal(li); }
    if (from !== "derived" && derivedMarks.length > 0) {
      reveal(derivedMarks[0]);
    }
    var kind = li.querySelector(".kind").textContent;
    if (sourceMarks.length > 0) {
      status.textContent = "Source passage for: " + kind;
      reveal(sourceMarks[0]);
    } else {
      status.textContent = "No source passage corresponds to this " + kind + ".";
    }
    try { history.replaceState(null, "", "#f-" + index); } catch (e) { /* file:// in some browsers */ }
  }

  /* A click on text covered by several findings cycles through the visible ones. */
  function activateFromText(el, from) {
    var ids = el.getAttribute("data-f").split(" ").filter(visible);
    if (ids.length === 0) { return; }
    var next = ids[(ids.indexOf(current) + 1) % ids.length];
    activate(next, from);
  }

  /* Show where a passage came from: the alignments covering `el`, on both sides. */
  function showAlignment(el, from) {
    var ids = el.getAttribute("data-a").split(" ");
    clearActive();
    current = null;
    var derivedMarks = [], sourceMarks = [];
    ids.forEach(function (id) {
      each(document.querySelectorAll('#derived-text [data-a~="' + id + '"]'), function (node) {
        node.classList.add("is-aligned");
        derivedMarks.push(node);
      });
      each(document.querySelectorAll('#source-text [data-a~="' + id + '"]'), function (node) {
        node.classList.add("is-aligned");
        sourceMarks.push(node);
      });
    });
    var info = document.querySelector('#alignment-info [data-a="' + ids[0] + '"]');
    var evidence = info ? info.getAttribute("data-evidence") : "none";
    var score = info ? info.getAttribute("data-score") : "0";
    var other = from === "derived" ? sourceMarks : derivedMarks;
    if (from === "source") {
      status.textContent = "This source passage is used by the highlighted derived sentence(s).";
    } else if (sourceMarks.length > 0) {
      status.textContent = "Matched source passage (support " + score + ", evidence: " +
        evidence + ")";
    } else {
      status.textContent = "Nothing in the source supports this sentence.";
    }
    if (other.length > 0) { reveal(other[0]); }
  }

  function onTextClick(event, from) {
    var finding = event.target.closest("[data-f]");
    if (finding) { activateFromText(finding, from); return; }
    var aligned = event.target.closest("[data-a]");
    if (aligned) { showAlignment(aligned, from); }
  }
  derivedText.addEventListener("click", function (event) { onTextClick(event, "derived"); });
  sourceText.addEventListener("click", function (event) { onTextClick(event, "source"); });
  items.forEach(function (li) {
    li.addEventListener("click", function (event) {
      if (window.getSelection && String(window.getSelection()).length > 0) { return; }
      activate(li.getAttribute("data-f"), "list");
      event.stopPropagation();
    });
    li.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        activate(li.getAttribute("data-f"), "list");
      }
    });
  });
  each(document.querySelectorAll("tr[data-goto]"), function (row) {
    function go() { activate(row.getAttribute("data-goto"), "table"); }
    row.addEventListener("click", go);
    row.addEventListener("keydown", function (event) { if (event.key === "Enter") { go(); } });
  });

  function applyFilters() {
    var kind = selects.kind.value, severity = selects.severity.value, speaker = selects.speaker.value;
    var shown = 0;
    items.forEach(function (li) {
      var ok = (!kind || li.getAttribute("data-kind") === kind) &&
        (!severity || li.getAttribute("data-severity") === severity) &&
        (speaker === "*" || li.getAttribute("data-speaker") === speaker);
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    each(document.querySelectorAll(".text [data-f]"), function (el) {
      var any = el.getAttribute("data-f").split(" ").some(visible);
      el.classList.toggle("muted", !any);
    });
    count.textContent = shown === items.length
      ? items.length + (items.length === 1 ? " finding" : " findings")
      : "showing " + shown + " of " + items.length + " findings";
  }
  function resetFilters() {
    selects.kind.value = "";
    selects.severity.value = "";
    selects.speaker.value = "*";
    applyFilters();
  }
  Object.keys(selects).forEach(function (key) { selects[key].addEventListener("change", applyFilters); });
  document.getElementById("filter-reset").addEventListener("click", resetFilters);
  each(document.querySelectorAll("[data-filter-kind]"), function (chip) {
    chip.addEventListener("click", function () {
      resetFilters();
      selects.kind.value = chip.getAttribute("data-filter-kind");
      applyFilters();
    });
  });
  each(document.querySelectorAll("[data-filter-severity]"), function (chip) {
    chip.addEventListener("click", function () {
      resetFilters();
      selects.severity.value = chip.getAttribute("data-filter-severity");
      applyFilters();
    });
  });
  /* The list starts worst first; "by position" orders it as the findings occur in the text
     (data-f numbers them in that order). Moving the items keeps their listeners. */
  var list = document.getElementById("findings");
  var order = document.getElementById("sort-order");
  function applyOrder() {
    var key = order.value === "position" ? "data-f" : "data-worst";
    items.slice().sort(function (a, b) {
      return Number(a.getAttribute(key)) - Number(b.getAttribute(key));
    }).forEach(function (li) { list.appendChild(li); });
  }
  order.addEventListener("change", applyOrder);
  applyOrder(); /* a reloaded page may keep the previous choice */

  /* A printout shows every finding, whatever the screen filters. */
  window.addEventListener("beforeprint", resetFilters);

  var match = /^#f-(\d+)$/.exec(window.location.hash);
  if (match) { activate(match[1], "load"); }
}());
