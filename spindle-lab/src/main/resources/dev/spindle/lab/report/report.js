// Draws the lab's report from the JSON results embedded in this page (schema spindle-lab/1 to 3).
// Every chart is a Chart.js chart whose canvas id names it: time-<workload>, speedup-<workload>,
// efficiency-<workload>, timeline-<workload>-<strategy>.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("lab-data").textContent);
  const root = document.getElementById("report");
  root.textContent = "";

  const COLORS = {
    sequential: "#6e7781", threads: "#0969da", virtual: "#8250df", taskgroup: "#bf3989",
    forkjoin: "#1a7f37", gil: "#cf222e", processes: "#d4a72c", isolated: "#0a7ea4", cluster: "#953800"
  };
  const color = s => COLORS[s] || "#57606a";

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : String(c));
    }
    return e;
  }
  const fmt = (x, digits) => x === null || x === undefined ? "" : Number(x).toFixed(digits);
  const configName = r => r.strategy + (r.workers === 0 ? " (a thread per task)" : r.strategy === "sequential" ? "" : " \u00d7" + r.workers);
  const table = (head, rows) => el("table", {}, el("thead", {}, el("tr", {}, ...head.map(h => el("th", {}, h)))),
      el("tbody", {}, ...rows));

  // ---- header and environment ----
  root.append(el("h1", {}, "Spindle lab report"));
  const results = data.results || [];
  root.append(el("p", { class: "summary" },
      "Started " + data.startedAt + ", took " + fmt(data.durationSeconds, 1) + " s; schema " + data.schema + "; "
      + results.length + " configuration(s), " + (data.failures || 0) + " failed verification."));
  if (data.interrupted) {
    root.append(el("p", { class: "warning" }, "This run was stopped early (Ctrl-C): the results are those measured before the stop."));
  }
  const flagged = results.filter(r => r.noise && r.noise.flagged);
  if (flagged.length) {
    root.append(el("p", { class: "warning", id: "noise-summary" }, flagged.length + " configuration(s) were measured while the machine was busy"
        + " or varied too much between runs; their figures are doubtful (highlighted below). Rerun them with"
        + " spindle lab --rerun-flagged <this run's JSON>."));
  }
  const env = data.environment || {};
  root.append(el("h2", {}, "Environment"));
  root.append(table(["", ""], [
    ["JDK", (env.jdkVersion || "?") + " (" + (env.jdkVendor || "?") + ", " + (env.vmName || "?") + ")"],
    ["cores", env.cores], ["garbage collectors", (env.gcs || []).join(", ")],
    ["maximum heap", fmt((env.maxHeapBytes || 0) / 1073741824, 1) + " GiB"], ["operating system", env.os],
    ["settings", data.settings ? data.settings.warmups + " warm-up(s) + " + data.settings.repeats + " measured run(s) per configuration" : ""]
  ].map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", { id: "env-" + k.replace(/ /g, "-") }, v)))));

  if (!results.length) {
    root.append(el("p", { class: "note", id: "no-results" }, "This run has no results: it was stopped before the first configuration"
        + " was measured, or no workload was chosen. There is nothing to draw."));
  }

  // ---- advice ----
  if (data.advice && data.advice.length) {
    root.append(el("h2", { id: "advice" }, "Which model fits which work"));
    for (const a of data.advice) {
      const item = el("div", { class: "note advice", "data-workload": a.workload },
          el("strong", {}, a.workload + ": " + a.recommendation), el("br"), a.why);
      for (const w of a.warnings || []) item.append(el("br"), "\u26a0 " + w);
      root.append(item);
    }
  }

  // ---- one section per workload ----
  const workloads = (data.workloads || []).map(w => typeof w === "string" ? { name: w, kind: "speedup" } : w);
  for (const w of workloads) {
    const rows = results.filter(r => r.workload === w.name);
    if (!rows.length) continue;
    const section = el("section", { id: "workload-" + w.name });
    root.append(section);
    section.append(el("h2", {}, w.name), el("p", { class: "summary" }, w.summary || ""));
    if (w.parameters && Object.keys(w.parameters).length) {
      section.append(el("p", { class: "summary" }, "Parameters: " + Object.entries(w.parameters).map(([k, v]) => k + " = " + v).join(", ")));
    }
    const charts = el("div", { class: "charts" });
    section.append(charts);
    const measured = rows.filter(r => r.medianMillis !== null && r.medianMillis !== undefined);
    if (measured.length) {
      const canvas = el("canvas", { id: "time-" + w.name });
      charts.append(el("div", { class: "chart" }, canvas));
      new Chart(canvas, {
        data: {
          labels: measured.map(configName),
          datasets: [
            { type: "bar", label: "min\u2013max", data: measured.map(r => [r.minMillis, r.maxMillis]),
              backgroundColor: measured.map(r => color(r.strategy) + "66"), borderColor: measured.map(r => color(r.strategy)), borderWidth: 1 },
            { type: "line", label: "median", data: measured.map(r => r.medianMillis), showLine: false,
              pointStyle: "line", pointRadius: 12, pointBorderWidth: 3, borderColor: "#1d1d1f", backgroundColor: "#1d1d1f" }
          ]
        },
        options: { maintainAspectRatio: false, animation: false,
          plugins: { title: { display: true, text: "Time per configuration (ms): median, and min\u2013max of the measured runs" } },
          scales: { y: { beginAtZero: true, title: { display: true, text: "ms" } } } }
      });
    }
    if (w.kind === "speedup") {
      const swept = measured.filter(r => r.speedup !== null && r.speedup !== undefined && r.workers > 0 && r.strategy !== "sequential");
      const strategies = [...new Set(swept.map(r => r.strategy))];
      const workerCounts = [...new Set(swept.map(r => r.workers))].sort((a, b) => a - b);
      if (strategies.length) {
        const maxWorkers = Math.max(...workerCounts);
        for (const [id, field, title, ideal] of [
            ["speedup-", "speedup", "Speed-up against workers (sequential = 1)", x => x],
            ["efficiency-", "efficiency", "Efficiency: speed-up \u00f7 workers", () => 1]]) {
          const canvas = el("canvas", { id: id + w.name });
          charts.append(el("div", { class: "chart" }, canvas));
          const datasets = strategies.map(s => ({
            label: s, borderColor: color(s), backgroundColor: color(s),
            data: swept.filter(r => r.strategy === s).map(r => ({ x: r.workers, y: r[field] }))
          }));
          datasets.push({ label: "ideal", borderColor: "#8c959f", borderDash: [6, 4], pointRadius: 0,
            data: [{ x: 1, y: ideal(1) }, { x: maxWorkers, y: ideal(maxWorkers) }] });
          new Chart(canvas, { type: "line", data: { datasets },
            options: { maintainAspectRatio: false, animation: false,
              plugins: { title: { display: true, text: title } },
              scales: { x: { type: "linear", title: { display: true, text: "workers" }, ticks: { stepSize: 1 } },
                        y: { beginAtZero: true } } } });
        }
      }
    }
    // timelines of one representative run per strategy
    const timelines = (data.timelines || []).filter(t => t.workload === w.name);
    for (const t of timelines) section.append(timeline(t));
    // the table of results
    section.append(table(["configuration", "status", "median ms", "min ms", "max ms", "speed-up", "efficiency", "load before/after", "check"],
      rows.map(r => el("tr", { class: r.noise && r.noise.flagged ? "flagged" : "", "data-status": r.status },
        el("td", {}, configName(r)), el("td", { class: r.status }, r.status),
        el("td", { class: "number" }, fmt(r.medianMillis, 2)), el("td", { class: "number" }, fmt(r.minMillis, 2)),
        el("td", { class: "number" }, fmt(r.maxMillis, 2)), el("td", { class: "number" }, fmt(r.speedup, 2)),
        el("td", { class: "number" }, fmt(r.efficiency, 2)),
        el("td", { class: "number" }, r.noise ? fmt(r.noise.loadBefore, 2) + " / " + fmt(r.noise.loadAfter, 2) : ""),
        el("td", {}, r.check + (r.noise && r.noise.flagged ? " \u2014 doubtful: " + r.noise.reason : ""))))));
  }

  // A timeline: one row per worker, one bar per task, and the GIL's hand-overs as ticks.
  function timeline(t) {
    const canvas = el("canvas", { id: "timeline-" + t.workload + "-" + t.strategy });
    const workers = [...new Set(t.tasks.map(k => k.worker).concat((t.handovers || []).map(h => h.to)))];
    const row = name => workers.indexOf(name);
    const box = el("div", { class: "timeline", style: "height:" + (110 + 28 * workers.length) + "px" }, canvas);
    const datasets = [{ type: "bar", label: "tasks", data: t.tasks.map(k => ({ x: [k.startMillis, k.endMillis], y: row(k.worker) })),
      backgroundColor: color(t.strategy) + "aa", borderColor: color(t.strategy), borderWidth: 1, borderSkipped: false,
      grouped: false, barPercentage: 0.9, categoryPercentage: 1 }];
    if (t.handovers && t.handovers.length) {
      datasets.push({ type: "scatter", label: "GIL hand-over", data: t.handovers.map(h => ({ x: h.atMillis, y: row(h.to) })),
        pointStyle: "line", rotation: 90, pointRadius: 9, borderWidth: 2, borderColor: "#1d1d1f" });
    }
    const left = t.tasksLeftOut ? " (" + t.tasksLeftOut + " more left out; the trace has them all)" : "";
    new Chart(canvas, { data: { datasets },
      options: { indexAxis: "y", maintainAspectRatio: false, animation: false,
        plugins: { title: { display: true, text: t.strategy + (t.workers ? " \u00d7" + t.workers : "") + ": one run, "
          + t.tasks.length + " task(s) on " + workers.length + " thread(s)" + left } },
        scales: { x: { type: "linear", title: { display: true, text: "ms since the run started" } },
                  y: { type: "linear", reverse: true, min: -0.5, max: workers.length - 0.5, afterBuildTicks: axis => {
                         axis.ticks = workers.map((w, i) => ({ value: i })); },
                       ticks: { callback: v => workers[v] || "" } } } } });
    return box;
  }

  // ---- start-up ----
  if (data.startUp && data.startUp.length) {
    root.append(el("h2", {}, "Start-up: a pool of 2 opened, 2 tiny tasks run, closed"));
    root.append(table(["strategy", "median ms", "min ms", "max ms"], data.startUp.map(s => el("tr", {},
      el("td", {}, s.strategy), ...(s.failure ? [el("td", { colspan: 3 }, s.failure)]
        : [el("td", { class: "number" }, fmt(s.medianMillis, 1)), el("td", { class: "number" }, fmt(s.minMillis, 1)),
           el("td", { class: "number" }, fmt(s.maxMillis, 1))])))));
  }
  window.labReady = true;
})();
