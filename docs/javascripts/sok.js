/* The site's search: the dialog in overrides/partials/search.html and the index
   search/sok.json (why our own, and what the index holds: kvalitet/output/search_index.py).

   Text and query are folded and split by the same rules, so å/ä typed as a and ö as o
   find the words, and the other way round; »59,1« and »1 600« stay one word each. Every
   word of the query must occur in a result; a section's prose outranks a table. */
(() => {
  "use strict";
  const root = document.querySelector(".kb-sok");
  if (!root) return;
  const form = root.querySelector("form");
  const input = form.elements.q;
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const toggle = document.getElementById("__search");
  const indexUrl = new URL(root.dataset.kbSokindex, location.href);
  const siteRoot = new URL("../", indexUrl);
  const SHOWN = 50;
  const TABLE_RANK = 0.25; // a table counts a quarter of a section's prose

  // Lower case without diacritics, one character for one, so that a position in the folded
  // text is the same position in the text as written (for the highlighted excerpt).
  const fold = (text) =>
    text.replace(/[^\x00-\x7f]/g, (c) => c.toLowerCase().normalize("NFD")[0]).toLowerCase();

  // A word, a decimal number (59,1 or 4.2) or a number in groups of three joined by the
  // no-break space Swedish numbers are written with (1 600).
  const WORD = /\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:[,.]\d+)?|[\p{L}\p{N}]+(?:[,.]\p{N}+)*/gu;
  const words = (folded) =>
    Array.from(folded.matchAll(WORD), (m) => ({
      word: m[0].replace(/[\u00a0\u202f]/g, " ").replace(/\./g, ","),
      start: m.index,
      end: m.index + m[0].length,
    }));

  function queryWords(query) {
    // »1 600« typed with an ordinary space is the number written with a no-break space.
    const folded = fold(query).replace(/(^|[^\d,.])(\d{1,3}(?: \d{3})+)(?!\d)/g, (_, before, n) =>
      before + n.replace(/ /g, "\u00a0"),
    );
    return [...new Set(words(folded).map((w) => w.word))];
  }

  // 3 the same word, 2 its beginning (boendestöd in boendestödet), 1 inside a compound.
  function quality(word, q) {
    if (word === q) return 3;
    if (word.startsWith(q)) return 2;
    return q.length >= 4 && !/^\d/.test(q) && word.includes(q) ? 1 : 0;
  }

  function score(entry, query) {
    const titleWeight = entry.kind === "table" ? 1 : 4;
    let total = 0;
    for (const q of query) {
      let best = 0;
      let hits = 0;
      for (const w of entry.titleWords) best = Math.max(best, titleWeight * quality(w.word, q));
      for (const w of entry.textWords) {
        const found = quality(w.word, q);
        if (found) hits += 1;
        best = Math.max(best, found);
      }
      if (!best) return 0; // every word of the query must occur
      total += best + Math.log2(1 + hits);
    }
    return entry.kind === "table" ? total * TABLE_RANK : total;
  }

  let entries = null;
  const load = () =>
    (entries ??= fetch(indexUrl)
      .then((response) => response.json())
      .then((data) =>
        data.map((e) => ({ ...e, titleWords: words(fold(e.title)), textWords: words(fold(e.text)) })),
      ));

  // The text from `from` to `to` with every word of the query marked.
  function marked(text, textWords, query, from, to) {
    const fragment = document.createDocumentFragment();
    let at = from;
    for (const w of textWords) {
      if (w.start < from || w.end > to || !query.some((q) => quality(w.word, q))) continue;
      fragment.append(text.slice(at, w.start));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(w.start, w.end);
      fragment.append(mark);
      at = w.end;
    }
    fragment.append(text.slice(at, to));
    return fragment;
  }

  // About two lines of text around the first word found, cut at spaces.
  function excerpt(entry, query) {
    const text = entry.text;
    const first = entry.textWords.find((w) => query.some((q) => quality(w.word, q)));
    let from = first ? Math.max(0, first.start - 60) : 0;
    let to = Math.min(text.length, from + 220);
    if (from > 0) from = text.indexOf(" ", from) + 1 || from;
    if (to < text.length) to = text.lastIndexOf(" ", to) > from ? text.lastIndexOf(" ", to) : to;
    const p = document.createElement("p");
    p.className = "kb-sok__utdrag";
    p.append(from > 0 ? "… " : "", marked(text, entry.textWords, query, from, to));
    if (to < text.length) p.append(" …");
    return p;
  }

  function item(entry, query) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    li.dataset.kind = entry.kind;
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = new URL(entry.url, siteRoot).href;
    const title = document.createElement("span");
    title.className = "kb-sok__titel";
    title.append(marked(entry.title, entry.titleWords, query, 0, entry.title.length));
    const where = document.createElement("span");
    where.className = "kb-sok__sida";
    const kind = entry.kind === "table" ? "Tabell på sidan " : "";
    where.textContent = entry.page === entry.title && !kind ? "" : kind + entry.page;
    link.append(title, " ", where);
    li.append(link);
    if (entry.text) li.append(excerpt(entry, query));
    return li;
  }

  let pending = 0;
  async function run() {
    const asked = ++pending;
    const query = queryWords(input.value);
    if (!query.length) {
      list.replaceChildren();
      meta.textContent = "Skriv sökord";
      return [];
    }
    let all;
    try {
      all = await load();
    } catch {
      meta.textContent = "Sökningen kunde inte laddas. Ladda om sidan och försök igen.";
      return [];
    }
    if (asked !== pending) return []; // a later keystroke has taken over
    const found = all
      .map((entry) => ({ entry, score: score(entry, query) }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score);
    list.replaceChildren(...found.slice(0, SHOWN).map((r) => item(r.entry, query)));
    const count = found.length === 1 ? "1 sökresultat" : `${found.length || "Inga"} sökresultat`;
    meta.textContent = found.length > SHOWN ? `${count}, de ${SHOWN} bästa visas` : count;
    return found;
  }

  function open(state) {
    if (toggle.checked === state) return;
    toggle.checked = state; // Material's overlay, scroll lock and header follow the toggle
    toggle.dispatchEvent(new Event("change"));
  }

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  input.addEventListener("focus", () => {
    open(true);
    load().catch(() => {});
  });
  toggle.addEventListener("change", () => toggle.checked && input.focus());
  form.addEventListener("reset", () => setTimeout(run));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const found = await run();
    if (found.length) list.querySelector("a").focus(); // Enter leads to the best result
  });

  root.addEventListener("keydown", (event) => {
    const links = [input, ...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      open(false);
      input.blur();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && at >= 0) {
      const step = event.key === "ArrowDown" ? 1 : -1;
      links[Math.min(links.length - 1, Math.max(0, at + step))].focus();
      event.preventDefault();
    }
  });
  // Leaving the dialog with Tab closes it, as clicking beside it does.
  root.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !root.contains(event.relatedTarget)) open(false);
  });
  // Material's shortcuts: / or s (or f) anywhere outside a text field opens the search.
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (["/", "s", "f"].includes(event.key)) {
      event.preventDefault();
      input.focus();
    }
  });
})();
