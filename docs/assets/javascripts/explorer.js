// The question explorer (/explore/): facets with counts, a text filter, state in the URL, and a flashcard drill.
// Plain JavaScript; data from api/questions.json; set up on every page change through Material's document$.
(() => {
  "use strict";

  const FACETS = [
    { key: "category", label: "Category", values: (q) => [q.category] },
    { key: "difficulty", label: "Difficulty", values: (q) => [q.difficulty] },
    { key: "company", label: "Company", values: (q) => [...new Set(q.asked.map((a) => a.company))] },
    { key: "year", label: "Year", values: (q) => [...new Set(q.asked.map((a) => String(a.year)))] },
    { key: "role", label: "Role", values: (q) => q.roles },
    { key: "tag", label: "Tag", values: (q) => q.tags },
  ];
  const DIFFICULTY_ORDER = { easy: 0, medium: 1, hard: 2 };
  const PAGE = 50;

  const progress = window.mlpProgress;
  const root = progress.root;
  let bank = null; // promise of the prepared questions, kept across instant navigations

  function loadBank() {
    if (!bank) {
      bank = fetch(new URL("api/questions.json", root))
        .then((response) => {
          if (!response.ok) throw new Error(`api/questions.json: HTTP ${response.status}`);
          return response.json();
        })
        .then((questions) =>
          questions.map((q) => ({
            ...q,
            facets: Object.fromEntries(FACETS.map((f) => [f.key, f.values(q)])),
            text: [q.question, ...q.aliases, ...q.tags].join(" ").toLowerCase(),
          })),
        );
      bank.catch(() => (bank = null));
    }
    return bank;
  }

  // ---- state <-> URL ----------------------------------------------------------------------------

  function readState() {
    const params = new URLSearchParams(location.search);
    const state = { q: params.get("q") || "", filters: {} };
    for (const facet of FACETS) {
      const raw = params.get(facet.key);
      state.filters[facet.key] = new Set(raw ? raw.split(",").filter(Boolean) : []);
    }
    return state;
  }

  function stateURL(state) {
    const params = new URLSearchParams();
    for (const facet of FACETS) {
      const chosen = [...state.filters[facet.key]].sort();
      if (chosen.length) params.set(facet.key, chosen.join(","));
    }
    if (state.q) params.set("q", state.q);
    const query = params.toString().replace(/%2C/g, ",");
    return location.pathname + (query ? `?${query}` : "");
  }

  // ---- filtering ---------------------------------------------------------------------------------

  function matchesText(q, words) {
    return words.every((word) => q.text.includes(word));
  }

  function matchesFacets(q, filters, except) {
    for (const facet of FACETS) {
      if (facet.key === except) continue;
      const chosen = filters[facet.key];
      if (chosen.size && !q.facets[facet.key].some((value) => chosen.has(value))) return false;
    }
    return true;
  }

  /** Results, and for each facet the counts its values would have given the other filters. */
  function compute(questions, state) {
    const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    const textual = words.length ? questions.filter((q) => matchesText(q, words)) : questions;
    const counts = {};
    for (const facet of FACETS) {
      const tally = new Map();
      for (const q of textual) {
        if (!matchesFacets(q, state.filters, facet.key)) continue;
        for (const value of q.facets[facet.key]) tally.set(value, (tally.get(value) || 0) + 1);
      }
      counts[facet.key] = tally;
    }
    const results = textual.filter((q) => matchesFacets(q, state.filters, null));
    return { results, counts };
  }

  // ---- rendering ---------------------------------------------------------------------------------

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  }

  function sortedValues(facet, values, labels) {
    const list = [...values];
    if (facet.key === "year") return list.sort().reverse();
    if (facet.key === "difficulty") return list.sort((a, b) => DIFFICULTY_ORDER[a] - DIFFICULTY_ORDER[b]);
    if (facet.key === "category") return list.sort((a, b) => (labels.categoryOrder[a] ?? 99) - (labels.categoryOrder[b] ?? 99));
    return list.sort((a, b) => label(labels, facet.key, a).localeCompare(label(labels, facet.key, b)));
  }

  function label(labels, facetKey, value) {
    const table = { category: labels.categories, company: labels.companies, role: labels.roles }[facetKey];
    return (table && table[value]) || value;
  }

  function renderFacets(view, questions, state, counts) {
    const all = {};
    for (const facet of FACETS) all[facet.key] = new Set(questions.flatMap((q) => q.facets[facet.key]));
    const fragment = document.createDocumentFragment();
    for (const facet of FACETS) {
      const box = element("fieldset", { class: "mlp-facet", "data-facet": facet.key });
      box.append(element("legend", { text: facet.label }));
      const list = element("div", { class: "mlp-facet__values" });
      for (const value of sortedValues(facet, all[facet.key], view.labels)) {
        const count = counts[facet.key].get(value) || 0;
        const checked = state.filters[facet.key].has(value);
        if (!count && !checked && facet.key === "tag") continue;
        const input = element("input", { type: "checkbox", name: facet.key, value });
        input.checked = checked;
        const row = element(
          "label",
          { class: `mlp-facet__value${count ? "" : " mlp-facet__value--empty"}` },
          input,
          element("span", { text: label(view.labels, facet.key, value) }),
          element("span", { class: "mlp-count", text: String(count) }),
        );
        list.append(row);
      }
      box.append(list);
      fragment.append(box);
    }
    view.facets.replaceChildren(fragment);
  }

  function resultItem(view, q) {
    const link = element("a", { href: new URL(q.url, root).pathname + new URL(q.url, root).hash, text: q.question });
    const meta = element("div", { class: "mlp-result__meta" });
    meta.append(element("span", { class: `mlp-badge mlp-badge--${q.difficulty}`, text: q.difficulty }));
    meta.append(element("span", { class: "mlp-result__category", text: label(view.labels, "category", q.category) }));
    for (const asked of q.asked) {
      meta.append(element("span", { class: "mlp-chip", text: `${label(view.labels, "company", asked.company)} ${asked.year}` }));
    }
    const entry = progress.get(q.id);
    if (entry) meta.append(element("span", { class: `mlp-state-tag mlp-state--${entry.state}`, text: progress.LABELS[entry.state] }));
    return element("li", { class: "mlp-result", "data-id": q.id }, link, meta);
  }

  function renderResults(view, results) {
    view.count.textContent = `${results.length} ${results.length === 1 ? "question" : "questions"}`;
    const shown = results.slice(0, view.limit);
    view.list.replaceChildren(...shown.map((q) => resultItem(view, q)));
    view.more.hidden = results.length <= view.limit;
    view.more.textContent = `Show ${Math.min(PAGE, results.length - view.limit)} more`;
    view.drill.disabled = results.length === 0;
  }

  function renderProgress(view, questions) {
    const store = progress.load().questions;
    const rows = [["All questions", questions]];
    for (const [id, title] of Object.entries(view.labels.categories)) rows.push([title, questions.filter((q) => q.category === id)]);
    const fragment = document.createDocumentFragment();
    for (const [title, subset] of rows) {
      if (!subset.length) continue;
      const known = subset.filter((q) => store[q.id] && store[q.id].state === "knew").length;
      const seen = subset.filter((q) => store[q.id]).length;
      const bar = element("progress", { max: String(subset.length), value: String(known), "aria-label": `${title}: ${known} of ${subset.length} known` });
      fragment.append(
        element("div", { class: "mlp-progress-row" }, element("span", { text: title }), bar,
          element("span", { class: "mlp-count", text: `${known}/${subset.length} known · ${seen} seen` })),
      );
    }
    view.progress.replaceChildren(fragment);
  }

  function update(view, { push } = { push: false }) {
    const started = performance.now();
    const { results, counts } = compute(view.questions, view.state);
    renderFacets(view, view.questions, view.state, counts);
    renderResults(view, results);
    view.results = results;
    const url = stateURL(view.state);
    if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](history.state, "", url);
    view.root.dataset.renderMs = String(Math.round((performance.now() - started) * 10) / 10);
    view.root.dataset.ready = "true";
  }

  // ---- drill -------------------------------------------------------------------------------------

  function shuffle(list) {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  const pages = new Map(); // category page HTML, fetched once per visit

  async function answerOf(q) {
    const url = new URL(q.url, root);
    const page = url.pathname;
    if (!pages.has(page)) pages.set(page, fetch(page).then((response) => response.text()));
    const html = new DOMParser().parseFromString(await pages.get(page), "text/html");
    const heading = html.getElementById(q.id);
    const parts = [];
    for (let node = heading && heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
      if (node.tagName === "DETAILS") node.setAttribute("open", "");
      parts.push(document.importNode(node, true));
    }
    return parts;
  }

  function startDrill(view) {
    const dueOnly = view.dueOnly.checked;
    const deck = shuffle(view.results.filter((q) => !dueOnly || progress.isDue(q.id)));
    const drill = view.drillBox;
    let index = 0;
    let revealed = false;

    const show = async () => {
      revealed = false;
      drill.card.replaceChildren();
      if (index >= deck.length) {
        drill.card.append(element("p", { class: "mlp-drill__done", text: deck.length ? `Done: ${deck.length} questions practised.` : "Nothing due in this selection." }));
        drill.actions.hidden = true;
        drill.reveal.hidden = true;
        return;
      }
      const q = deck[index];
      drill.position.textContent = `${index + 1} / ${deck.length}`;
      drill.card.append(
        element("p", { class: "mlp-drill__meta", text: `${label(view.labels, "category", q.category)} · ${q.difficulty}` }),
        element("p", { class: "mlp-drill__question", text: q.question }),
      );
      drill.reveal.hidden = false;
      drill.actions.hidden = true;
      drill.reveal.focus();
    };

    const reveal = async () => {
      if (revealed || index >= deck.length) return;
      revealed = true;
      const q = deck[index];
      const answer = element("div", { class: "mlp-drill__answer" });
      answer.append(...(await answerOf(q)));
      answer.append(element("p", {}, element("a", { href: new URL(q.url, root).pathname + new URL(q.url, root).hash, text: "Open on its page" })));
      drill.card.append(answer);
      if (window.renderMathInElement) window.renderMathInElement(answer);
      drill.reveal.hidden = true;
      drill.actions.hidden = false;
      drill.actions.querySelector("button").focus();
    };

    const answer = (result) => {
      if (!revealed || index >= deck.length) return;
      progress.mark(deck[index].id, result);
      index += 1;
      show();
    };

    const onKey = (event) => {
      if (drill.root.hidden || event.target.matches("input, textarea")) return;
      if (event.key === "Escape") return stop();
      if (event.key === " " && !revealed) {
        event.preventDefault();
        return reveal();
      }
      const result = { 1: "knew", 2: "review", 3: "unknown" }[event.key];
      if (result) answer(result);
    };

    const stop = () => {
      drill.root.hidden = true;
      document.removeEventListener("keydown", onKey);
      update(view);
      renderProgress(view, view.questions);
      view.drill.focus();
    };

    drill.reveal.onclick = reveal;
    drill.stop.onclick = stop;
    for (const button of drill.actions.querySelectorAll("button")) button.onclick = () => answer(button.dataset.result);
    document.addEventListener("keydown", onKey);
    drill.root.hidden = false;
    show();
  }

  // ---- set-up ------------------------------------------------------------------------------------

  function build(container, labels, questions) {
    const search = element("input", { type: "search", class: "mlp-explorer__search", placeholder: "Filter by words in the question", "aria-label": "Filter questions by text" });
    const clear = element("button", { type: "button", class: "md-button", text: "Clear all" });
    const count = element("p", { class: "mlp-explorer__count", role: "status", "aria-live": "polite" });
    const drill = element("button", { type: "button", class: "md-button md-button--primary", text: "Practise these" });
    const dueOnly = element("input", { type: "checkbox" });
    const facets = element("div", { class: "mlp-explorer__facets" });
    const list = element("ol", { class: "mlp-explorer__results" });
    const more = element("button", { type: "button", class: "md-button", hidden: "" });
    const progressBox = element("div", { class: "mlp-explorer__progress" });

    const drillBox = {
      root: element("section", { class: "mlp-drill", "aria-label": "Flashcard drill", hidden: "" }),
      position: element("span", { class: "mlp-drill__position" }),
      card: element("div", { class: "mlp-drill__card", "aria-live": "polite" }),
      reveal: element("button", { type: "button", class: "md-button md-button--primary", text: "Show answer (Space)" }),
      stop: element("button", { type: "button", class: "md-button", text: "End drill (Esc)" }),
      actions: element("div", { class: "mlp-drill__actions", hidden: "" }),
    };
    progress.RESULTS.forEach((result, i) => {
      drillBox.actions.append(element("button", { type: "button", class: `md-button mlp-state--${result}`, "data-result": result, text: `${progress.LABELS[result]} (${i + 1})` }));
    });
    drillBox.root.append(
      element("div", { class: "mlp-drill__bar" }, drillBox.position, drillBox.stop),
      drillBox.card, drillBox.reveal, drillBox.actions,
    );

    const transfer = element("div", { class: "mlp-explorer__transfer" });
    const exportButton = element("button", { type: "button", class: "md-button", text: "Export progress" });
    const importInput = element("input", { type: "file", accept: "application/json,.json", class: "mlp-explorer__import", "aria-label": "Import progress from a file" });
    const resetButton = element("button", { type: "button", class: "md-button", text: "Reset progress" });
    const message = element("p", { class: "mlp-explorer__message", role: "alert" });
    transfer.append(exportButton, element("label", { class: "md-button" }, "Import progress", importInput), resetButton, message);

    // Filters fold away on narrow screens, so results come first on a phone.
    const filters = element("details", { class: "mlp-explorer__filters" }, element("summary", { text: "Filters" }), facets);
    filters.open = window.matchMedia("(min-width: 45em)").matches;
    container.replaceChildren(
      element("div", { class: "mlp-explorer__bar" }, search, clear),
      element("div", { class: "mlp-explorer__body" },
        filters,
        element("div", { class: "mlp-explorer__main" },
          element("div", { class: "mlp-explorer__summary" }, count, drill, element("label", { class: "mlp-explorer__due" }, dueOnly, " only unseen or due")),
          drillBox.root, list, more)),
      element("h2", { id: "progress", text: "Your progress" }), progressBox, transfer,
    );

    const view = { root: container, labels, questions, state: readState(), facets, list, count, more, drill, dueOnly, drillBox, progress: progressBox, limit: PAGE, results: [] };
    search.value = view.state.q;

    search.addEventListener("input", () => {
      view.state.q = search.value.trim();
      view.limit = PAGE;
      update(view);
    });
    search.addEventListener("change", () => update(view, { push: true }));
    facets.addEventListener("change", (event) => {
      const input = event.target;
      const chosen = view.state.filters[input.name];
      if (input.checked) chosen.add(input.value);
      else chosen.delete(input.value);
      view.limit = PAGE;
      update(view, { push: true });
      const again = facets.querySelector(`input[name="${input.name}"][value="${CSS.escape(input.value)}"]`);
      if (again) again.focus();
    });
    clear.addEventListener("click", () => {
      view.state = { q: "", filters: Object.fromEntries(FACETS.map((f) => [f.key, new Set()])) };
      search.value = "";
      update(view, { push: true });
    });
    more.addEventListener("click", () => {
      view.limit += PAGE;
      renderResults(view, view.results);
    });
    drill.addEventListener("click", () => startDrill(view));
    exportButton.addEventListener("click", () => {
      const blob = new Blob([progress.exportJSON()], { type: "application/json" });
      const link = element("a", { href: URL.createObjectURL(blob), download: `mlprep-progress-${new Date().toISOString().slice(0, 10)}.json` });
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(link.href);
    });
    importInput.addEventListener("change", async () => {
      const file = importInput.files[0];
      if (!file) return;
      try {
        const counts = progress.importJSON(await file.text());
        message.textContent = `Imported: ${counts.added} new, ${counts.updated} updated, ${counts.kept} kept (yours were newer).`;
        message.className = "mlp-explorer__message mlp-explorer__message--ok";
      } catch (error) {
        message.textContent = error.message;
        message.className = "mlp-explorer__message mlp-explorer__message--error";
      }
      importInput.value = "";
    });
    resetButton.addEventListener("click", () => {
      if (!confirm("Forget your progress on every question in this browser?")) return;
      progress.reset();
      message.textContent = "Progress reset.";
    });
    document.addEventListener("mlprep:progress", () => container.isConnected && renderProgress(view, questions));
    window.addEventListener("popstate", () => {
      if (!container.isConnected) return;
      view.state = readState();
      search.value = view.state.q;
      update(view);
    });

    update(view);
    renderProgress(view, questions);
  }

  document$.subscribe(() => {
    const container = document.getElementById("mlp-explorer");
    if (!container) return;
    // Labels ride in a data attribute: instant navigation re-runs <script> elements, JSON ones included.
    const labels = JSON.parse(container.dataset.labels);
    loadBank()
      .then((questions) => build(container, labels, questions))
      .catch((error) => {
        container.textContent = `The question list could not be loaded (${error.message}).`;
      });
  });
})();
