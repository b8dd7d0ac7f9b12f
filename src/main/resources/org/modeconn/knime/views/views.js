/*
 * Shared script of the Mode Connectivity node views. Each page names its kind in <body data-view>; this script
 * fetches the view's initial data through KNIME's UI extension service, checks it is of that kind and draws it
 * with ECharts (the data contract: one JSON object per view, see the Java view classes).
 *
 * Progress is published on <body> for people and tests alike: data-state is "loading", then "drawing" (the
 * charts are laid out so that ECharts can measure them), then "rendered" with data-series = the number of
 * series drawn on the page, or "error" with data-message = the message shown instead of the charts.
 */
(() => {
  "use strict";

  const FONT = getComputedStyle(document.documentElement).fontFamily;
  const TEXT = "#3e3a39";
  const MUTED = "#6e6e6e";
  const COLORS = {
    train: "#1f6fb2",
    test: "#e8710a",
    rate: "#8a8a8a",
    ensemble: "#2a9d3f",
    swa: "#7b3fb2",
    reference: "#6e6e6e",
    snapshot: "#d62728",
    curve: "#ff3b30",
    contour: "rgba(255, 255, 255, 0.85)",
    noValue: "#d0d0d0",
  };
  // Viridis, sampled: perceptually even and readable in grey.
  const VIRIDIS = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58",
    "#b5de2b", "#fde725"];

  /** An error whose message is meant for the user as it is. */
  class ViewError extends Error {}

  /** The page's charts by container id, each with the number of series it draws now. */
  const charts = new Map();

  // ---- formatting ----------------------------------------------------------------------------------------

  /** A number for people: four significant digits, exponent form when tiny or huge, "–" when missing. */
  function fmt(value, unit = "") {
    if (value === null || value === undefined || !Number.isFinite(value)) {
      return "–";
    }
    const size = Math.abs(value);
    const text = size !== 0 && (size < 1e-3 || size >= 1e6)
      ? value.toExponential(2).replace(/\.?0+e/, "e")
      : String(Number(value.toPrecision(4)));
    return text + unit;
  }

  function signed(value) {
    return (value >= 0 ? "+" : "") + (Math.abs(value) >= 0.1 ? value.toFixed(2) : fmt(value));
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
  }

  /** Tooltip HTML: a heading, then [label, value, colour?] rows (styled in views.css). */
  function tooltipHtml(heading, rows) {
    const dot = color => color ? `<i class="tip-dot" style="background:${color}"></i>` : "";
    return `<div class="tip-head">${escapeHtml(heading)}</div>` + rows.map(([label, value, color]) =>
      `<div class="tip-row"><span>${dot(color)}${escapeHtml(label)}</span><b>${escapeHtml(value)}</b></div>`)
      .join("");
  }

  // ---- chart building blocks -----------------------------------------------------------------------------

  /** What every chart shares: title top left, legend below it, the plot below both, accessible description. */
  function baseOption(title, option) {
    return {
      aria: { enabled: true },
      // Drawn at once: the pages redraw on every toggle and resize, and a half-run transition would be
      // what a screenshot (or a user resizing the view) catches.
      animation: false,
      textStyle: { fontFamily: FONT, color: TEXT },
      title: { text: title, left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 600, color: TEXT } },
      legend: { type: "scroll", top: 26, left: 8, right: 8, itemWidth: 20, itemHeight: 10, itemGap: 8,
        textStyle: { fontSize: 11, color: TEXT } },
      grid: { top: 78, left: 12, right: 20, bottom: 32, containLabel: true },
      tooltip: { trigger: "axis", confine: true, textStyle: { fontSize: 12 } },
      ...option,
    };
  }

  const AXIS_STYLE = {
    nameTextStyle: { color: MUTED, fontSize: 11 },
    axisLabel: { color: MUTED, fontSize: 11 },
    axisLine: { lineStyle: { color: "#b0b0b0" } },
    splitLine: { lineStyle: { color: "#eeeeee" } },
  };

  function xAxis(name, option = {}) {
    return { type: "value", name, nameLocation: "middle", nameGap: 24, min: "dataMin", max: "dataMax",
      ...AXIS_STYLE, ...option };
  }

  /** A y axis with its name above it, reading rightwards (leftwards for one on the right side). */
  function yAxis(name, log, option = {}) {
    const right = option.position === "right";
    return { type: log ? "log" : "value", name, nameLocation: "end", nameGap: 10, ...AXIS_STYLE,
      nameTextStyle: { ...AXIS_STYLE.nameTextStyle, align: right ? "right" : "left" }, ...option };
  }

  function line(name, color, data, option = {}) {
    return { type: "line", name, color, data, showSymbol: false, symbolSize: 6, lineStyle: { width: 2 }, ...option };
  }

  /** A horizontal reference line across [x0, x1], drawn as a series so that it has a legend entry. */
  function reference(name, value, x0, x1) {
    return line(name, COLORS.reference, [[x0, value], [x1, value]],
      { lineStyle: { width: 1.5, type: "dotted" }, emphasis: { disabled: true } });
  }

  /** Draws (or redraws) the chart in the container with that id. */
  function draw(id, option) {
    let entry = charts.get(id);
    if (!entry) {
      entry = { chart: echarts.init(document.getElementById(id)), series: 0 };
      charts.set(id, entry);
    }
    entry.chart.setOption(option, true);
    entry.series = option.series.length;
    document.body.dataset.series = String([...charts.values()].reduce((n, e) => n + e.series, 0));
  }

  /** Hover and zoom in one chart show in the others too. */
  function connect(...ids) {
    echarts.connect(ids.map(id => charts.get(id).chart));
  }

  const has = (records, key) => records.some(r => r[key] !== null && r[key] !== undefined);

  // ---- learning curves ------------------------------------------------------------------------------------

  function renderLearningCurves(data) {
    const epochs = data.epochs ?? [];
    if (epochs.length === 0) {
      throw new ViewError("No epoch was recorded.");
    }
    const byEpoch = new Map(epochs.map(e => [e.epoch, e]));
    const figures = [
      ["learning rate", "learningRate", "", COLORS.rate], ["train loss", "trainLoss", "", COLORS.train],
      ["train error", "trainError", " %", COLORS.train], ["test loss", "testLoss", "", COLORS.test],
      ["test error", "testError", " %", COLORS.test], ["time", "seconds", " s"],
    ].filter(([, key]) => has(epochs, key));
    const tooltip = {
      trigger: "axis", confine: true, formatter: params => {
        const epoch = byEpoch.get(params[0].value[0]);
        return tooltipHtml(`epoch ${epoch.epoch}`, figures.map(([label, key, unit, color]) =>
          [label, fmt(epoch[key], unit), color]));
      },
    };
    const toggle = document.getElementById("log-scale");
    const hint = document.getElementById("log-hint");

    const drawCharts = () => {
      const log = toggle.checked;
      let hidden = false;
      // A log axis cannot place values <= 0 (a train error of 0 % is common): they become gaps there.
      const points = key => epochs.map(e => {
        const value = e[key] ?? null;
        const drawable = !log || value === null || value > 0;
        hidden ||= !drawable;
        return [e.epoch, drawable ? value : null];
      });
      const series = (label, key, color, option) =>
        has(epochs, key) ? [line(label, color, points(key), option)] : [];
      draw("loss-chart", baseOption("Loss per epoch", {
        tooltip,
        xAxis: xAxis("epoch", { minInterval: 1 }),
        yAxis: [yAxis("loss", log), yAxis("learning rate", log, { position: "right", splitLine: { show: false } })],
        series: [
          ...series("train loss", "trainLoss", COLORS.train),
          ...series("test loss", "testLoss", COLORS.test),
          ...series("learning rate", "learningRate", COLORS.rate, { yAxisIndex: 1, lineStyle: { width: 1 } }),
        ],
      }));
      draw("error-chart", baseOption("Error per epoch", {
        tooltip,
        xAxis: xAxis("epoch", { minInterval: 1 }),
        yAxis: yAxis("error (%)", log),
        series: [
          ...series("train error", "trainError", COLORS.train),
          ...series("test error", "testError", COLORS.test),
        ],
      }));
      hint.textContent = hidden ? "Values of 0 cannot be shown on a log scale and are left out." : "";
    };
    toggle.addEventListener("change", drawCharts);
    drawCharts();
    connect("loss-chart", "error-chart");
  }

  // ---- curve profile --------------------------------------------------------------------------------------

  function renderCurveProfile(data) {
    const paths = (data.paths ?? []).filter(p => p.points?.length > 0);
    if (paths.length === 0) {
      throw new ViewError("No path was evaluated.");
    }
    const lossSeries = [];
    const errorSeries = [];
    const legend = [];
    for (const path of paths) {
      // The straight line dashed, in its legend icon too (ECharts does not carry the dash over on its own).
      const lineStyle = { width: 2, type: path.name === "line" ? [5, 3] : "solid" };
      for (const set of ["train", "test"]) {
        for (const [list, key] of [[lossSeries, `${set}Loss`], [errorSeries, `${set}Error`]]) {
          if (!has(path.points, key)) {
            continue;
          }
          const series = line(`${path.name} ${set}`, COLORS[set], path.points.map(p => [p.t, p[key] ?? null]),
            { lineStyle });
          if (key === "trainLoss" && path.barrier?.height !== null && path.barrier?.height !== undefined) {
            series.markPoint = barrierMark(path.barrier);
          }
          list.push(series);
          legend.push({ name: series.name, lineStyle });
        }
      }
    }
    const t0 = Math.min(...paths.map(p => p.points[0].t));
    const t1 = Math.max(...paths.map(p => p.points[p.points.length - 1].t));
    const ensemble = "curve ensemble";
    const ensembleRows = [];
    if (data.ensembleTestError !== null && data.ensembleTestError !== undefined) {
      errorSeries.push(reference(ensemble, data.ensembleTestError, t0, t1));
      ensembleRows.push([ensemble, fmt(data.ensembleTestError, " %"), COLORS.reference]);
    }
    const legendOf = series => ({ ...baseOption("").legend,
      data: series.map(s => legend.find(l => l.name === s.name) ?? s.name) });
    // The reference has points at the ends only, so its row is written from the data, not from the hover.
    const tooltip = (unit, extraRows) => ({
      trigger: "axis", confine: true, formatter: params => tooltipHtml(`t = ${fmt(params[0].value[0])}`,
        params.filter(p => p.seriesName !== ensemble).map(p => [p.seriesName, fmt(p.value[1], unit), p.color])
          .concat(extraRows)),
    });
    // The top gap keeps the barrier labels inside the plot.
    draw("loss-chart", baseOption("Loss along the path", {
      tooltip: tooltip("", []), legend: legendOf(lossSeries), xAxis: xAxis("t"),
      yAxis: yAxis("loss", false, { boundaryGap: [0, "12%"] }), series: lossSeries,
    }));
    draw("error-chart", baseOption("Error along the path", {
      tooltip: tooltip(" %", ensembleRows), legend: legendOf(errorSeries), xAxis: xAxis("t"),
      yAxis: yAxis("error (%)", false), series: errorSeries,
    }));
    connect("loss-chart", "error-chart");
  }

  /** The highest train loss on a path, marked with its height above the higher endpoint. */
  function barrierMark(barrier) {
    return {
      symbol: "circle", symbolSize: 8,
      itemStyle: { borderColor: "#fff", borderWidth: 1.5 },
      label: { position: "top", distance: 6, color: TEXT, fontSize: 11, formatter: `barrier ${signed(barrier.height)}`,
        backgroundColor: "rgba(255, 255, 255, 0.85)", padding: [1, 3] },
      data: [{ name: "barrier", coord: [barrier.t, barrier.trainLoss] }],
    };
  }

  // ---- FGE ------------------------------------------------------------------------------------------------

  function renderFge(data) {
    const iterations = data.iterations ?? [];
    const snapshots = data.snapshots ?? [];
    if (iterations.length === 0) {
      throw new ViewError("No iteration was recorded.");
    }
    const byIteration = new Map(iterations.map(i => [i.iteration, i]));
    const snapshotAt = new Map(snapshots.map(s => [s.iteration, s]));
    const iterationTooltip = {
      trigger: "axis", confine: true, formatter: params => {
        // With the line switched off in the legend, the hover is on a snapshot only.
        const iteration = params[0].value[0];
        const at = byIteration.get(iteration) ?? { iteration };
        const snapshot = snapshotAt.get(iteration);
        return tooltipHtml(`iteration ${at.iteration}` + (snapshot ? `, snapshot ${snapshot.snapshot}` : ""), [
          ["learning rate", fmt(at.learningRate)], ["loss", fmt(at.loss)], ["distance", fmt(at.distance)]]);
      },
    };
    // Long runs: the lines are thinned for drawing (LTTB keeps the peaks); the tooltip reads the full records.
    const perIteration = (title, key, axisName) => baseOption(title, {
      tooltip: iterationTooltip,
      dataZoom: [{ type: "inside" }],
      xAxis: xAxis("iteration"),
      yAxis: yAxis(axisName, false),
      series: [
        line(axisName, COLORS.train, iterations.map(i => [i.iteration, i[key] ?? null]),
          { sampling: "lttb", lineStyle: { width: 1.5 } }),
        { type: "scatter", name: "snapshots", color: COLORS.snapshot, symbolSize: 7, z: 3,
          data: snapshots.map(s => [s.iteration, byIteration.get(s.iteration)?.[key] ?? null]) },
      ],
    });
    draw("rate-chart", perIteration("Learning rate per iteration", "learningRate", "learning rate"));
    draw("distance-chart", perIteration("Distance from the start network", "distance", "distance (L2)"));
    connect("rate-chart", "distance-chart");

    const bySnapshot = new Map(snapshots.map(s => [s.snapshot, s]));
    const errors = [];
    if (has(snapshots, "testError")) {
      errors.push(line("snapshot", COLORS.test, snapshots.map(s => [s.snapshot, s.testError ?? null]),
        { showSymbol: true }));
    }
    if (has(snapshots, "ensembleTestError")) {
      errors.push(line("ensemble", COLORS.ensemble,
        snapshots.map(s => [s.snapshot, s.ensembleTestError ?? null]), { showSymbol: true }));
    }
    // The average of the weights so far (SWA): one network, against the ensemble of as many.
    if (has(snapshots, "swaTestError")) {
      errors.push(line("SWA", COLORS.swa,
        snapshots.map(s => [s.snapshot, s.swaTestError ?? null]), { showSymbol: true }));
    }
    const noTestData = errors.length === 0;
    if (!noTestData && data.startTestError !== null && data.startTestError !== undefined && snapshots.length > 0) {
      errors.push(reference("start", data.startTestError, snapshots[0].snapshot,
        snapshots[snapshots.length - 1].snapshot));
    }
    // Short legend names (the tooltip says them in full): the chart is half the page wide.
    draw("snapshot-chart", baseOption("Test error per snapshot: alone, ensemble and SWA so far", {
      tooltip: {
        trigger: "axis", confine: true, formatter: params => {
          const s = bySnapshot.get(params[0].value[0]);
          return tooltipHtml(`snapshot ${s.snapshot} (iteration ${s.iteration}, epoch ${s.epoch})`, [
            ["learning rate", fmt(s.learningRate)],
            ["test loss, alone", fmt(s.testLoss)], ["test error, alone", fmt(s.testError, " %"), COLORS.test],
            ["test loss, ensemble", fmt(s.ensembleTestLoss)],
            ["test error, ensemble", fmt(s.ensembleTestError, " %"), COLORS.ensemble],
            ["test error, SWA", fmt(s.swaTestError, " %"), COLORS.swa],
            ["start network error", fmt(data.startTestError, " %"), COLORS.reference]]);
        },
      },
      xAxis: xAxis("snapshot", { minInterval: 1 }),
      yAxis: yAxis("test error (%)", false, { scale: true }),
      series: errors,
      graphic: noTestData ? {
        type: "text", left: "center", top: "middle",
        style: { text: "No test data: the ensemble was not evaluated.", fill: MUTED, fontSize: 12 },
      } : [],
    }));
  }

  // ---- plane ----------------------------------------------------------------------------------------------

  const PLANE_METRICS = [
    { key: "trainLoss", label: "train loss", unit: "", loss: true },
    { key: "trainError", label: "train error", unit: " %", loss: false },
    { key: "testLoss", label: "test loss", unit: "", loss: true },
    { key: "testError", label: "test error", unit: " %", loss: false },
  ];
  const POINT_LABELS = { theta: "θ" };

  /** Cell boundaries around ascending grid coordinates: midway between neighbours, half a step outside. */
  function cellEdges(coordinates) {
    const n = coordinates.length;
    if (n === 1) {
      return [coordinates[0] - 0.5, coordinates[0] + 0.5];
    }
    const edges = [coordinates[0] - (coordinates[1] - coordinates[0]) / 2];
    for (let i = 1; i < n; i++) {
      edges.push((coordinates[i - 1] + coordinates[i]) / 2);
    }
    edges.push(coordinates[n - 1] + (coordinates[n - 1] - coordinates[n - 2]) / 2);
    return edges;
  }

  function renderPlane(data) {
    const { xs = [], ys = [] } = data;
    const metrics = PLANE_METRICS.filter(m => Array.isArray(data.metrics?.[m.key]));
    if (xs.length === 0 || ys.length === 0 || metrics.length === 0) {
      throw new ViewError("The plane was evaluated at no point.");
    }
    const xEdges = cellEdges(xs);
    const yEdges = cellEdges(ys);
    let current = metrics[0];

    const form = document.getElementById("metric-switch");
    for (const metric of metrics) {
      const label = document.createElement("label");
      label.innerHTML = `<input type="radio" name="metric" value="${metric.key}"><span></span>`;
      label.querySelector("span").textContent = metric.label;
      label.querySelector("input").checked = metric === current;
      form.append(label);
    }
    form.addEventListener("change", event => {
      current = metrics.find(m => m.key === event.target.value);
      drawPlane();
    });

    // A 1-D slice (one row, y = 0) is drawn as the metric against the distance, not as a one-row heat map.
    document.body.dataset.slice = ys.length === 1 ? "line" : "plane";
    const drawPlane = () => draw("plane-chart", ys.length === 1 ? lineSliceOption(data, current)
      : planeOption(data, current, xEdges, yEdges));
    drawPlane();
    // The layout keeps one unit of x as long as one of y, so it is redone for every new size.
    window.addEventListener("resize", drawPlane);
  }

  /** Beyond this ratio of the two sides, a plane drawn to scale would be a sliver: it fills the plot instead. */
  const MAX_TRUE_ASPECT = 4;

  /**
   * The plot rectangle: as large as fits, with equal scales on x and y (the plane's coordinates are distances
   * in weight space, so the picture keeps its true shape), unless one side is more than MAX_TRUE_ASPECT times
   * the other (a curve that has hardly bent): then both fill the room, and toScale is false. Room is left for
   * the labels and the colour scale.
   */
  function planeLayout(width, height, xEdges, yEdges) {
    const room = { left: 56, right: 140, top: 64, bottom: 44 };
    const spanX = xEdges[xEdges.length - 1] - xEdges[0];
    const spanY = yEdges[yEdges.length - 1] - yEdges[0];
    const freeWidth = Math.max(width - room.left - room.right, 50);
    const freeHeight = Math.max(height - room.top - room.bottom, 50);
    const ratio = spanX / spanY;
    if (!(ratio <= MAX_TRUE_ASPECT && ratio >= 1 / MAX_TRUE_ASPECT)) {
      return { left: room.left, top: room.top, width: freeWidth, height: freeHeight, toScale: false };
    }
    const scale = Math.min(freeWidth / spanX, freeHeight / spanY);
    return {
      left: room.left + (freeWidth - spanX * scale) / 2, top: room.top + (freeHeight - spanY * scale) / 2,
      width: spanX * scale, height: spanY * scale, toScale: true,
    };
  }

  /** Where a contour's level is written: on its longest polyline, near the middle, clear of the named points. */
  function contourLabelAt(lines, points, clearance) {
    const longest = lines.reduce((a, b) => b.length > a.length ? b : a);
    const middle = Math.floor(longest.length / 2);
    const clear = ([x, y]) => points.every(p => Math.hypot(p.x - x, p.y - y) >= clearance);
    for (let step = 0; step <= middle + 1; step++) {
      const vertex = [longest[middle + step], longest[middle - step]].find(v => v && clear(v));
      if (vertex) {
        return vertex;
      }
    }
    return longest[middle];
  }

  function planeOption(data, metric, xEdges, yEdges) {
    const values = data.metrics[metric.key];
    // Losses span decades: with "logScale" their colour follows log10 of the value (the tooltip shows the value).
    const log = data.logScale === true && metric.loss;
    const colourValue = v => v === null || v === undefined ? null : log ? (v > 0 ? Math.log10(v) : null) : v;
    const cells = [];
    let low = Infinity;
    let high = -Infinity;
    data.ys.forEach((y, iy) => data.xs.forEach((x, ix) => {
      const c = colourValue(values[iy]?.[ix]);
      if (c !== null) {
        low = Math.min(low, c);
        high = Math.max(high, c);
      }
      cells.push([x, y, c, ix, iy]);
    }));
    if (low > high) {
      low = 0;
      high = 1;
    }
    const element = document.getElementById("plane-chart");
    const { toScale, ...grid } = planeLayout(element.clientWidth, element.clientHeight, xEdges, yEdges);
    const aroundOneNetwork = data.points.length === 1;
    const unitLabel = metric.unit ? `${metric.label} (%)` : metric.label;

    const heat = {
      type: "custom", name: unitLabel, z: 1, encode: { x: 0, y: 1 },
      dimensions: ["x", "y", "colour", "ix", "iy"], data: cells,
      renderItem: (params, api) => {
        const ix = api.value(3);
        const iy = api.value(4);
        const [left, bottom] = api.coord([xEdges[ix], yEdges[iy]]);
        const [right, top] = api.coord([xEdges[ix + 1], yEdges[iy + 1]]);
        // Half a pixel of overlap hides the seams that anti-aliasing leaves between neighbouring cells.
        return {
          type: "rect", shape: { x: left, y: top, width: right - left + 0.5, height: bottom - top + 0.5 },
          style: { fill: Number.isNaN(api.value(2)) ? COLORS.noValue : api.visual("color") },
        };
      },
      tooltip: {
        formatter: p => tooltipHtml(`x ${fmt(p.value[0])}, y ${fmt(p.value[1])}`,
          [[metric.label, fmt(values[p.value[4]]?.[p.value[3]], metric.unit)]]),
      },
    };

    const points = (data.points ?? []).filter(p => Number.isFinite(p.x) && Number.isFinite(p.y));
    const clearance = 0.08 * Math.max(xEdges[xEdges.length - 1] - xEdges[0], yEdges[yEdges.length - 1] - yEdges[0]);
    // One series per contour level; the shared name makes one legend entry switch them all.
    const contours = (data.contours?.[metric.key] ?? []).filter(c => c.lines?.length > 0).map(contour => {
      const vertices = [];
      for (const polyline of contour.lines) {
        vertices.push(...polyline, null); // null ends a polyline: the line series leaves a gap there
      }
      return {
        type: "line", name: "contours", color: COLORS.contour, data: vertices, z: 2, silent: true,
        showSymbol: false, lineStyle: { width: 1 }, tooltip: { show: false },
        markPoint: {
          symbol: "circle", symbolSize: 0, silent: true,
          label: { color: "#fff", fontSize: 10, textBorderColor: "rgba(0, 0, 0, 0.55)", textBorderWidth: 2,
            formatter: fmt(contour.level, metric.unit.trim()) },
          data: [{ coord: contourLabelAt(contour.lines, points, clearance) }],
        },
      };
    });

    const series = [heat, ...contours];
    if ((data.curve ?? []).length > 1) {
      series.push(line("curve", COLORS.curve, data.curve, { z: 4, silent: true, tooltip: { show: false },
        lineStyle: { width: 2.5 } }));
    }
    if (points.length > 0) {
      series.push({
        type: "scatter", name: points.map(p => POINT_LABELS[p.name] ?? p.name).join(" · "), z: 5,
        symbolSize: 10, color: "#fff", itemStyle: { borderColor: TEXT, borderWidth: 2 },
        label: { show: true, position: "right", distance: 6, formatter: "{b}", color: TEXT, fontSize: 13,
          fontWeight: 600, textBorderColor: "#fff", textBorderWidth: 3 },
        data: points.map(p => ({ name: POINT_LABELS[p.name] ?? p.name, value: [p.x, p.y] })),
        tooltip: { formatter: p => tooltipHtml(p.name, [["x", fmt(p.value[0])], ["y", fmt(p.value[1])]]) },
      });
    }

    const axis = (name, edges, option) => ({
      type: "value", name, nameLocation: "middle", min: edges[0], max: edges[edges.length - 1], ...AXIS_STYLE,
      axisLabel: { ...AXIS_STYLE.axisLabel, showMinLabel: false, showMaxLabel: false }, splitLine: { show: false },
      ...option,
    });
    const notes = [log ? "colour on a log scale" : null, toScale ? null : "x and y not to scale"].filter(Boolean);
    const title = `${metric.label[0].toUpperCase()}${metric.label.slice(1)} over the plane`;
    return baseOption(notes.length ? `${title} (${notes.join("; ")})` : title, {
      tooltip: { trigger: "item", confine: true, textStyle: { fontSize: 12 } },
      // The contours' legend icon in grey: their own white would not show on the legend's white.
      legend: { ...baseOption("").legend, data: [...new Set(series.slice(1).map(s => s.name))].map(name =>
        name === "contours" ? { name, lineStyle: { color: MUTED }, itemStyle: { color: MUTED } } : name) },
      grid,
      // Around one network the axes count the two random directions (α, β); otherwise they are distances.
      xAxis: axis(aroundOneNetwork ? "α" : "x", xEdges, { nameGap: 24 }),
      yAxis: axis(aroundOneNetwork ? "β" : "y", yEdges, { nameGap: 32 }),
      visualMap: {
        type: "continuous", seriesIndex: 0, dimension: 2, min: low, max: high, calculable: true,
        inRange: { color: VIRIDIS }, outOfRange: { color: COLORS.noValue },
        align: "left", left: grid.left + grid.width + 36, top: grid.top,
        itemWidth: 12, itemHeight: Math.max(grid.height - 40, 40),
        text: [unitLabel, ""], textGap: 8, textStyle: { color: MUTED, fontSize: 11 },
        formatter: v => fmt(log ? 10 ** v : v),
      },
      series,
    });
  }

  /** A 1-D slice: the metric against the distance x, the named networks marked where they lie on the line. */
  function lineSliceOption(data, metric) {
    const values = data.metrics[metric.key][0] ?? [];
    // A log axis only where the losses span more than a decade; over less it would show two tick labels.
    const finite = values.filter(v => v !== null && v !== undefined);
    const log = data.logScale === true && metric.loss && finite.every(v => v > 0)
      && Math.max(...finite) > 10 * Math.min(...finite);
    const unitLabel = metric.unit ? `${metric.label} (%)` : metric.label;
    const points = (data.points ?? []).filter(p => Number.isFinite(p.x));
    const series = [line(unitLabel, COLORS.curve, data.xs.map((x, i) => [x, values[i] ?? null]), {
      showSymbol: true, connectNulls: false,
      markLine: points.length === 0 ? undefined : {
        symbol: "none", silent: true, lineStyle: { color: MUTED, type: "dashed", width: 1 },
        label: { formatter: "{b}", position: "start", color: TEXT, fontWeight: 600 },
        data: points.map(p => ({ name: POINT_LABELS[p.name] ?? p.name, xAxis: p.x })),
      },
    })];
    const title = `${metric.label[0].toUpperCase()}${metric.label.slice(1)} along the line`;
    return baseOption(log ? `${title} (log scale)` : title, {
      tooltip: { trigger: "axis", confine: true, textStyle: { fontSize: 12 },
        formatter: ps => tooltipHtml(`distance ${fmt(ps[0].value[0])}`,
          [[metric.label, fmt(ps[0].value[1], metric.unit)]]) },
      xAxis: xAxis("distance in weight space", { axisLabel: { ...AXIS_STYLE.axisLabel, formatter: v => fmt(v),
        showMinLabel: false, showMaxLabel: false } }),
      // Fitted to the values, not from zero (or from a power of ten): a flat line is what the slice shows.
      yAxis: yAxis(unitLabel, log, { min: v => log ? v.min / 1.15 : v.min - 0.05 * (v.max - v.min || 1),
        max: v => log ? v.max * 1.15 : v.max + 0.05 * (v.max - v.min || 1),
        axisLabel: { ...AXIS_STYLE.axisLabel, formatter: v => fmt(v) } }),
      series,
    });
  }

  // ---- the page -------------------------------------------------------------------------------------------

  const RENDERERS = {
    "learning-curves": renderLearningCurves,
    "curve-profile": renderCurveProfile,
    "fge": renderFge,
    "plane": renderPlane,
  };

  function showHeader(data) {
    if (data.title) {
      document.getElementById("title").textContent = data.title;
      document.title = data.title;
    }
    document.getElementById("subtitle").textContent = data.subtitle ?? "";
    document.getElementById("notes").replaceChildren(...(data.notes ?? []).map(note => {
      const item = document.createElement("li");
      item.textContent = note;
      return item;
    }));
  }

  function showError(message) {
    charts.forEach(entry => entry.chart.dispose());
    charts.clear();
    delete document.body.dataset.series;
    document.getElementById("message").textContent = message;
    document.body.dataset.message = message;
    document.body.dataset.state = "error";
  }

  async function loadData() {
    if (typeof KnimeUIExtensionService === "undefined" || typeof echarts === "undefined") {
      throw new ViewError("The view's libraries (lib/) did not load.");
    }
    let data;
    try {
      const service = await KnimeUIExtensionService.JsonDataService.getInstance();
      data = await service.initialData();
    } catch (e) {
      throw new ViewError(`The view's data could not be fetched from KNIME: ${e.message}`);
    }
    if (data === null || data === undefined) {
      throw new ViewError("No data to show. Execute the node to see its view.");
    }
    // The node says why it has no figures to show (for example: executed by a version without views).
    if (typeof data.error === "string") {
      throw new ViewError(data.error);
    }
    return data;
  }

  async function main() {
    const kind = document.body.dataset.view;
    try {
      const data = await loadData();
      if (data.view !== kind) {
        throw new ViewError(`This page shows "${kind}" data but was given "${data.view}" data.`);
      }
      showHeader(data);
      document.body.dataset.state = "drawing";
      RENDERERS[kind](data);
      document.body.dataset.state = "rendered";
    } catch (e) {
      showError(e instanceof ViewError ? e.message : `The view could not be drawn: ${e.message}`);
      if (!(e instanceof ViewError)) {
        console.error(e);
      }
    }
  }

  window.addEventListener("resize", () => charts.forEach(entry => entry.chart.resize()));
  main();
})();
