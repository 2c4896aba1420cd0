/* KPI Engine report: shows one view at a time (chosen by the address: #executive, #manager, #analyst or #kpi-N),
   draws the charts of the shown view from the embedded options when they come near the screen, and keeps them
   sized. The options are data; names starting with '$' stand for the formatters below. Nothing is fetched. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kpi-data').textContent);
  var locale = data.locale;
  var views = data.views;
  var drawn = [];
  var nfCache = {};

  function nf(opts, extra) {
    var key = JSON.stringify(opts) + JSON.stringify(extra || {});
    if (!nfCache[key]) {
      var o = {};
      Object.keys(opts).forEach(function (k) { if (k !== 'scale' && k !== 'suffix') { o[k] = opts[k]; } });
      Object.keys(extra || {}).forEach(function (k) { o[k] = extra[k]; });
      var f = new Intl.NumberFormat(locale, o);
      var scale = opts.scale || 1;
      var suffix = opts.suffix || '';
      nfCache[key] = function (v) {
        if (v === null || v === undefined || v === '-' || isNaN(v)) { return '\u2013'; }
        return f.format(v * scale) + suffix;
      };
    }
    return nfCache[key];
  }

  var pct = nf({ maximumFractionDigits: 1, minimumFractionDigits: 1, style: 'percent', scale: 0.01 });

  function formatters(spec) {
    var full = nf(spec.fmt);
    var compact = nf(spec.fmt, { notation: 'compact', minimumFractionDigits: 0,
      maximumFractionDigits: spec.fmt.style === 'percent' ? 2 : 1 });
    var option = spec.option;
    return {
      $fmt: full,
      $fmtc: compact,
      $val: function (p) { return full(p.value); },
      $pct: pct,
      $bar: function (p) { return p.value === null || p.value === undefined ? '' : (p.data.icon || '') + ' ' + compact(p.value); },
      $heat: function (p) {
        return option.yAxis.data[p.value[1]] + ' \u00b7 ' + option.xAxis.data[p.value[0]] + ': ' + pct(p.value[2]);
      },
      $heatValue: function (p) {
        return option.yAxis.data[p.value[1]] + ' \u00b7 ' + option.xAxis.data[p.value[0]] + ': ' + full(p.value[2]);
      },
      $gauge: function () {
        var d = option.series[0].data[0];
        return d.raw === null ? '\u2013' : pct(d.raw);
      },
      $pace: function () {
        var d = option.series[1].data[0];
        return 'pace ' + pct(d.raw);
      }
    };
  }

  function resolve(node, f) {
    if (typeof node === 'string') {
      return node.charAt(0) === '$' && f[node] ? f[node] : node;
    }
    if (Array.isArray(node)) {
      return node.map(function (n) { return resolve(n, f); });
    }
    if (node && typeof node === 'object') {
      var out = {};
      Object.keys(node).forEach(function (k) { out[k] = resolve(node[k], f); });
      return out;
    }
    return node;
  }

  function size(el) {
    var rows = parseInt(el.getAttribute('data-rows') || '0', 10);
    if (rows > 0) {
      el.style.height = Math.max(160, 70 + rows * 26) + 'px';
    }
  }

  function draw(el) {
    if (el.getAttribute('data-drawn') || !window.echarts) { return; }
    var spec = data.charts[el.getAttribute('data-chart')];
    if (!spec) { return; }
    size(el);
    var chart = echarts.init(el, null, { renderer: 'svg', locale: 'EN' });
    chart.setOption(resolve(spec.option, formatters(spec)));
    el.setAttribute('data-drawn', '1');
    drawn.push(chart);
  }

  var observer = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { observer.unobserve(e.target); draw(e.target); }
    });
  }, { rootMargin: '400px 0px' }) : null;

  function current() {
    return document.querySelector('section.view:not([hidden])');
  }

  function drawAll(root) {
    var n = 0;
    (root || current()).querySelectorAll('.chart').forEach(function (el) { draw(el); n++; });
    return n;
  }

  var lastView = views[0];

  function route() {
    var id = (location.hash || '').slice(1);
    var target = id && document.getElementById(id);
    var view = target && target.matches('section.view') ? target : null;
    var inner = target && !view ? target.closest('section.view') : null;
    if (inner) { view = inner; }
    if (!view) { view = document.getElementById(lastView) || document.querySelector('section.view'); }
    document.querySelectorAll('section.view').forEach(function (s) { s.hidden = s !== view; });
    if (views.indexOf(view.id) >= 0) { lastView = view.id; }
    document.querySelectorAll('.tabs [role=tab]').forEach(function (t) {
      t.setAttribute('aria-selected', String(t.getAttribute('aria-controls') === lastView));
    });
    document.querySelectorAll('[data-back]').forEach(function (a) { a.setAttribute('href', '#' + lastView); });
    view.querySelectorAll('.chart').forEach(function (el) {
      if (observer) { observer.observe(el); } else { draw(el); }
    });
    if (inner && target) { target.scrollIntoView(); } else if (id && view.id === id) { window.scrollTo(0, 0); }
  }

  var pending = 0;
  function resize() {
    clearTimeout(pending);
    pending = setTimeout(function () { drawn.forEach(function (c) { c.resize(); }); }, 120);
  }

  window.addEventListener('hashchange', route);
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', function () {
    drawAll();
    drawn.forEach(function (c) { c.resize(); });
  });
  if (window.matchMedia) {
    var print = window.matchMedia('print');
    if (print.addEventListener) { print.addEventListener('change', function () { drawn.forEach(function (c) { c.resize(); }); }); }
  }
  window.kpiReport = {
    drawAll: drawAll,
    drawn: function () { return drawn.length; }
  };
  // paint the page first, then draw the charts of the first screen
  requestAnimationFrame(function () { setTimeout(route, 0); });
})();
