// Practice progress kept in this browser (localStorage): per-question state and a Leitner box.
// Used by the explorer's drill and by the state buttons under each question on category pages.
(() => {
  "use strict";

  const KEY = "mlprep.progress.v1";
  const FORMAT = "mlprep-progress";
  const RESULTS = ["knew", "review", "unknown"];
  const LABELS = { knew: "Knew it", review: "Review", unknown: "Didn't know" };
  // Days until a question is due again, by Leitner box (1 to 5).
  const INTERVALS = [null, 1, 2, 4, 8, 16];
  const DAY = 86400000;

  const root = new URL("../../", document.currentScript.src);
  const today = () => Math.floor(Date.now() / DAY);

  function empty() {
    return { version: 1, questions: {} };
  }

  function load() {
    try {
      const stored = JSON.parse(localStorage.getItem(KEY));
      if (stored && stored.version === 1 && stored.questions && typeof stored.questions === "object") return stored;
    } catch (error) {
      console.warn("mlprep: unreadable progress in localStorage, starting afresh", error);
    }
    return empty();
  }

  function save(store) {
    localStorage.setItem(KEY, JSON.stringify(store));
    document.dispatchEvent(new CustomEvent("mlprep:progress"));
  }

  /** Record an answer: knew moves up a box, review moves down one, didn't know goes back to box 1. */
  function mark(id, result, now = Date.now()) {
    if (!RESULTS.includes(result)) throw new Error(`unknown result ${result}`);
    const store = load();
    const box = (store.questions[id] || { box: 1 }).box;
    const next = result === "knew" ? Math.min(box + 1, 5) : result === "review" ? Math.max(box - 1, 1) : 1;
    store.questions[id] = { state: result, box: next, due: Math.floor(now / DAY) + INTERVALS[next], updated: now };
    save(store);
    return store.questions[id];
  }

  function get(id) {
    return load().questions[id] || null;
  }

  function isDue(id) {
    const entry = get(id);
    return !entry || entry.due <= today();
  }

  function validEntry(entry) {
    return (
      entry && typeof entry === "object" && RESULTS.includes(entry.state) &&
      Number.isInteger(entry.box) && entry.box >= 1 && entry.box <= 5 &&
      Number.isInteger(entry.due) && Number.isFinite(entry.updated)
    );
  }

  function exportJSON() {
    const store = load();
    return JSON.stringify({ format: FORMAT, version: 1, exported: new Date().toISOString(), questions: store.questions }, null, 2);
  }

  /** Merge an exported file into this browser's progress; the newer state of each question wins. */
  function importJSON(text) {
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      throw new Error("This file is not JSON. Choose a file exported from this site.");
    }
    if (!data || data.format !== FORMAT || data.version !== 1 || !data.questions || typeof data.questions !== "object") {
      throw new Error("This file is not a progress export of this site (format mlprep-progress, version 1).");
    }
    const bad = Object.entries(data.questions).find(([, entry]) => !validEntry(entry));
    if (bad) throw new Error(`The entry for "${bad[0]}" is malformed; nothing was imported.`);
    const store = load();
    const counts = { added: 0, updated: 0, kept: 0 };
    for (const [id, entry] of Object.entries(data.questions)) {
      const mine = store.questions[id];
      if (!mine) counts.added += 1;
      else if (entry.updated > mine.updated) counts.updated += 1;
      else {
        counts.kept += 1;
        continue;
      }
      store.questions[id] = { state: entry.state, box: entry.box, due: entry.due, updated: entry.updated };
    }
    save(store);
    return counts;
  }

  function reset() {
    localStorage.removeItem(KEY);
    document.dispatchEvent(new CustomEvent("mlprep:progress"));
  }

  /** The three state buttons under a question heading; `id` is the question id. */
  function control(id) {
    const group = document.createElement("div");
    group.className = "mlp-progress-control";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Your progress on this question");
    group.dataset.question = id;
    for (const result of RESULTS) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `mlp-state mlp-state--${result}`;
      button.dataset.result = result;
      button.textContent = LABELS[result];
      button.addEventListener("click", () => mark(id, result));
      group.append(button);
    }
    refreshControl(group);
    return group;
  }

  function refreshControl(group) {
    const entry = get(group.dataset.question);
    for (const button of group.querySelectorAll("button")) {
      button.setAttribute("aria-pressed", String(Boolean(entry && entry.state === button.dataset.result)));
    }
  }

  function decorateQuestions(body) {
    for (const heading of body.querySelectorAll("h2.mlp-question[id]")) {
      if (heading.nextElementSibling && heading.nextElementSibling.classList.contains("mlp-progress-control")) continue;
      heading.after(control(heading.id));
    }
  }

  document.addEventListener("mlprep:progress", () => {
    document.querySelectorAll(".mlp-progress-control").forEach(refreshControl);
  });

  window.mlpProgress = { root, today, load, mark, get, isDue, exportJSON, importJSON, reset, control, LABELS, RESULTS };
  document$.subscribe(({ body }) => decorateQuestions(body));
})();
