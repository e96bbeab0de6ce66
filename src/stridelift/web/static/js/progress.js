/* The Progress page's charts: uPlot line and bar charts drawn from the JSON the page
   embeds (#progress-data, the stridelift.stats/1 document). Every chart has a table of
   the same numbers in the page, so nothing here is the only way to read a figure. */
(function () {
  "use strict";

  var INK = "#1b1f24";
  var GRID = "#dfe3e8";
  // Colours with at least 3:1 contrast on white, told apart by more than hue (dashes, bars).
  var BLUE = "#0b5cad";
  var ORANGE = "#a34a00";
  var GREEN = "#1d6b34";
  var PURPLE = "#6a3d9a";
  var LIGHT = "#6f8fb3"; // planned: a lighter blue, still 3:1 on white
  var HEIGHT = 260;

  function ts(iso) {
    return Date.parse(iso + "T00:00:00Z") / 1000;
  }

  function fmt(digits) {
    return function (u, v) {
      return v == null ? "-" : v.toFixed(digits);
    };
  }

  function line(label, stroke, digits, extra) {
    var s = { label: label, stroke: stroke, width: 2, value: fmt(digits), points: { show: true, size: 5 } };
    return Object.assign(s, extra || {});
  }

  function bars(label, fill, digits, align) {
    return {
      label: label,
      stroke: fill,
      fill: fill,
      width: 1,
      value: fmt(digits),
      paths: uPlot.paths.bars({ size: [align ? 0.35 : 0.6, 40], align: align || 0 }),
      points: { show: false },
    };
  }

  function axis(label, extra) {
    return Object.assign(
      { label: label, stroke: INK, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID }, size: 56 },
      extra || {}
    );
  }

  // Seconds as h:mm:ss or m:ss, as the tables show them.
  function clock(v) {
    if (v == null) {
      return "-";
    }
    var t = Math.round(v);
    var h = Math.floor(t / 3600);
    var m = Math.floor((t % 3600) / 60);
    var s = t % 60;
    var mm = h ? (m < 10 ? "0" : "") + m : String(m);
    return (h ? h + ":" : "") + mm + ":" + (s < 10 ? "0" : "") + s;
  }

  function clockAxis(label, extra) {
    var incrs = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
    return axis(label, Object.assign({ size: 64, incrs: incrs, values: function (u, splits) { return splits.map(clock); } }, extra || {}));
  }

  var week = { label: "Week", value: "{YYYY}-{MM}-{DD}" };
  // Tick labels short enough for a phone: 1 km and 1 mile sit close on a log scale.
  var SHORT = { "1 km": "1K", "1 mile": "1 mi", "Half marathon": "Half", Marathon: "Mar." };
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var WEEK_S = 7 * 86400;

  // Ticks as "5 Oct", with the year under the first tick and under each January.
  function dayTicks(u, splits) {
    var year = null;
    return splits.map(function (t) {
      var d = new Date(t * 1000);
      var text = d.getUTCDate() + " " + MONTHS[d.getUTCMonth()];
      if (d.getUTCFullYear() !== year) {
        year = d.getUTCFullYear();
        text += "\n" + year;
      }
      return text;
    });
  }

  function xAxis(label) {
    return axis(label, { size: 52, values: dayTicks });
  }

  // Bars need half a week of room at each end and a y axis from zero.
  var BAR_SCALES = {
    x: { time: true, range: function (u, lo, hi) { return [lo - WEEK_S / 2, hi + WEEK_S / 2]; } },
    y: { range: function (u, lo, hi) { return [0, hi > 0 ? Math.ceil(hi * 1.1) : 1]; } },
  };

  function plannedDone(rows, done, planned, unitLabel, digits) {
    return {
      data: [
        rows.map(function (r) { return ts(r.start); }),
        rows.map(function (r) { return r[done]; }),
        rows.map(function (r) { return r[planned]; }),
      ],
      series: [week, bars("Done", BLUE, digits, -1), bars("Planned", LIGHT, digits, 1)],
      scales: BAR_SCALES,
      axes: [xAxis("Week of"), axis(unitLabel)],
    };
  }

  var CHARTS = {
    fitness: function (d) {
      var s = d.stats;
      var history = d.empty ? [] : s.weeks;
      var ahead = s.forecast ? s.forecast.weeks : [];
      var x = [];
      var cols = [[], [], [], [], [], []];
      history.forEach(function (w, i) {
        x.push(ts(w.end));
        var last = i === history.length - 1 && ahead.length;
        cols[0].push(w.fitness); cols[1].push(w.fatigue); cols[2].push(w.form);
        // The forecast starts from the last logged state, so the dashed lines join on.
        cols[3].push(last ? w.fitness : null); cols[4].push(last ? w.fatigue : null); cols[5].push(last ? w.form : null);
      });
      ahead.forEach(function (w) {
        x.push(ts(w.end));
        cols[0].push(null); cols[1].push(null); cols[2].push(null);
        cols[3].push(w.fitness); cols[4].push(w.fatigue); cols[5].push(w.form);
      });
      function dash() { return { dash: [7, 5], points: { show: false } }; }
      var series = [
        line("Fitness", BLUE, 1),
        line("Fatigue", ORANGE, 1),
        line("Form", GREEN, 1),
        line("Fitness (forecast)", BLUE, 1, dash()),
        line("Fatigue (forecast)", ORANGE, 1, dash()),
        line("Form (forecast)", GREEN, 1, dash()),
      ];
      // Only the series there is something to draw for: the log, the forecast, or both.
      var keep = [0, 1, 2, 3, 4, 5].filter(function (i) { return i < 3 ? history.length : ahead.length; });
      return {
        data: [x].concat(keep.map(function (i) { return cols[i]; })),
        series: [week].concat(keep.map(function (i) { return series[i]; })),
        axes: [xAxis("Week ending"), axis("RPE x min per day")],
      };
    },
    volume: function (d) {
      return plannedDone(d.volume, "run_done", "run_planned", d.distance_unit + " per week", 1);
    },
    sets: function (d) {
      return plannedDone(d.volume, "sets_done", "sets_planned", "sets per week", 0);
    },
    load: function (d) {
      var w = d.stats.weeks;
      function col(k) { return w.map(function (r) { return r.load_by_kind[k]; }); }
      return {
        data: [w.map(function (r) { return ts(r.start); }), col("run"), col("strength"), col("cross"), w.map(function (r) { return r.load; })],
        series: [
          week,
          line("Run", BLUE, 1),
          line("Strength", PURPLE, 1, { dash: [2, 3] }),
          line("Cross", GREEN, 1, { dash: [8, 3] }),
          line("Total", INK, 1, { width: 1 }),
        ],
        axes: [xAxis("Week of"), axis("RPE x min per week", { size: 64 })],
      };
    },
    compliance: function (d) {
      var w = d.stats.weeks.filter(function (r) { return r.compliance; });
      return {
        data: [
          w.map(function (r) { return ts(r.start); }),
          w.map(function (r) { return r.compliance.done; }),
          w.map(function (r) { return r.compliance.planned; }),
        ],
        series: [week, bars("Done", GREEN, 0, -1), bars("Planned", LIGHT, 0, 1)],
        scales: BAR_SCALES,
        axes: [xAxis("Week of"), axis("sessions")],
      };
    },
    acwr: function (d) {
      var w = d.stats.weeks;
      return {
        data: [
          w.map(function (r) { return ts(r.end); }),
          w.map(function (r) { return r.acwr_rolling; }),
          w.map(function (r) { return r.acwr_ewma; }),
        ],
        series: [week, line("Rolling 7:28", BLUE, 2), line("EWMA 7:28", ORANGE, 2, { dash: [7, 4] })],
        axes: [xAxis("Week ending"), axis("ratio (acute / chronic)")],
      };
    },
    longrun: function (d) {
      var rows = d.long_runs;
      return {
        data: [
          rows.map(function (r) { return ts(r.start); }),
          rows.map(function (r) { return r.done; }),
          rows.map(function (r) { return r.planned; }),
        ],
        series: [
          week,
          line("Longest done", BLUE, 1),
          line("Planned long run", ORANGE, 1, { dash: [7, 5], points: { show: true, size: 5 } }),
        ],
        scales: { y: BAR_SCALES.y },
        axes: [xAxis("Week of"), axis(d.distance_unit)],
      };
    },
    efforts: function (d) {
      var rows = d.efforts.filter(function (r) { return r.pace_s != null; });
      var per = " per " + d.distance_unit;
      // The distance a tick stands for (uPlot hands log-scale splits back rounded).
      function name(v) {
        var found = rows.filter(function (r) { return Math.abs(r.km - v) < 0.02 * r.km; })[0];
        return found ? SHORT[found.distance] || found.distance : "";
      }
      var lo = rows[0].km;
      var hi = rows[rows.length - 1].km;
      function paceLine(label, colour, extra) {
        return line(label, colour, 0, Object.assign({ value: function (u, v) { return clock(v); } }, extra || {}));
      }
      return {
        data: [
          rows.map(function (r) { return r.km; }),
          rows.map(function (r) { return r.pace_s; }),
          rows.map(function (r) { return r.recent_pace_s; }),
        ],
        series: [
          {
            label: "Distance",
            value: function (u, v, si, i) {
              var r = i == null ? null : rows[i];
              return !r ? "-" : r.distance + (r.how === "whole run" ? " (whole run)" : "");
            },
          },
          paceLine("Best pace" + per, BLUE),
          paceLine("Last " + d.stats.best_efforts.recent_weeks + " weeks", GREEN, { dash: [7, 4] }),
        ],
        // A log scale, ticked at the distances themselves.
        scales: {
          x: { time: false, distr: 3, range: function () { return [lo / 1.25, hi * 1.25]; } },
          y: { range: function (u, min, max) { return [min - 15, max + 15]; } },
        },
        axes: [
          axis("distance (log scale)", {
            size: 40,
            splits: function () { return rows.map(function (r) { return r.km; }); },
            filter: function (u, splits) { return splits; }, // label every split, not only 1, 10, 100
            values: function (u, splits) { return splits.map(name); },
          }),
          clockAxis("pace (min:s/" + d.distance_unit + ")"),
        ],
      };
    },
    predict: function (d, el) {
      var race = d.predictions[Number(el.getAttribute("data-index"))];
      var w = race.weeks;
      var series = [week, line("Predicted", BLUE, 0, { value: function (u, v) { return clock(v); } })];
      var data = [w.map(function (r) { return ts(r.end); }), w.map(function (r) { return r.time_s; })];
      if (race.goal_s) {
        series.push(line("Goal", ORANGE, 0, { dash: [7, 5], points: { show: false }, value: function (u, v) { return clock(v); } }));
        data.push(w.map(function () { return race.goal_s; }));
      }
      return { data: data, series: series, axes: [xAxis("Week ending"), clockAxis("time (h:mm:ss)", { size: 72 })] };
    },
    monotony: function (d) {
      var w = d.stats.weeks;
      return {
        data: [
          w.map(function (r) { return ts(r.end); }),
          w.map(function (r) { return r.monotony; }),
          w.map(function (r) { return r.strain; }),
        ],
        series: [
          week,
          line("Monotony", PURPLE, 2, { scale: "mono" }),
          line("Strain", ORANGE, 1, { scale: "strain", dash: [7, 4] }),
        ],
        scales: { mono: {}, strain: {} },
        axes: [
          xAxis("Week ending"),
          axis("monotony (mean / SD)", { scale: "mono" }),
          axis("strain (RPE x min)", { scale: "strain", side: 1, grid: { show: false }, size: 64 }),
        ],
      };
    },
  };

  // Left and right arrows (Home, End) move the hover point week by week, so the values a
  // mouse shows are there by keyboard too.
  function keyboard(el, u) {
    el.tabIndex = 0;
    el.addEventListener("keydown", function (e) {
      var n = u.data[0].length;
      var idx = u.cursor.idx == null ? u.legend.idx || 0 : u.cursor.idx;
      var next = { ArrowLeft: idx - 1, ArrowRight: idx + 1, Home: 0, End: n - 1 }[e.key];
      if (next == null) {
        return;
      }
      e.preventDefault();
      next = Math.max(0, Math.min(n - 1, next));
      u.setCursor({ left: u.valToPos(u.data[0][next], "x"), top: u.bbox.height / (2 * devicePixelRatio) });
      u.setLegend({ idx: next });
      u.setSeries(null, { focus: true }); // no series dimmed: every legend row stays legible
    });
  }

  // The index of the last x with a value in the first series (the latest logged week).
  function lastLogged(data) {
    for (var i = data[0].length - 1; i > 0; i--) {
      if (data.length > 1 && data[1][i] != null) {
        return i;
      }
    }
    return 0;
  }

  function widthOf(el) {
    return Math.max(260, Math.floor(el.getBoundingClientRect().width));
  }

  function draw(el, spec) {
    var scales = Object.assign({ x: { time: true } }, spec.scales || {});
    return new uPlot(
      {
        width: widthOf(el),
        height: HEIGHT,
        tzDate: function (t) { return uPlot.tzDate(new Date(t * 1000), "Etc/UTC"); },
        scales: scales,
        series: spec.series,
        axes: spec.axes,
        legend: { live: true },
        cursor: { focus: { prox: 24 }, points: { size: 8 } },
        hooks: {
          // Until the pointer moves over it, the legend shows the latest logged week.
          ready: [function (u) { u.setLegend({ idx: lastLogged(spec.data) }); }],
        },
      },
      spec.data,
      el
    );
  }

  function start() {
    var source = document.getElementById("progress-data");
    if (!source || typeof uPlot === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var plots = [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var build = CHARTS[el.getAttribute("data-chart")];
      if (build) {
        var spec = build(data, el);
        var plot = draw(el, spec);
        keyboard(el, plot);
        plots.push([el, plot]);
      }
    });
    var pending = null;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        plots.forEach(function (p) { p[1].setSize({ width: widthOf(p[0]), height: HEIGHT }); });
      }, 100);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
