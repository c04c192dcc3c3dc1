// Charts of the office's statistics page (Features/Office/Statistics). The data comes in each chart's data-chart attribute
// (JSON written by StatText); the page's tables carry the same figures, so the page works without this script.
(function () {
  'use strict';
  if (!window.echarts) {
    return;
  }
  var charts = [];

  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function lines(title, names, values) {
    return '<strong>' + escape(title) + '</strong><br>' + names.map(function (name, i) {
      return escape(name) + '：' + escape(values[i]);
    }).join('<br>');
  }

  function bars(el, d) {
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: d.labels, axisLabel: { interval: 0, rotate: d.labels.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: d.series.map(function (s) {
        return { name: s.name, type: d.kind, data: s.data.map(Number) };
      })
    });
    return chart;
  }

  function china(el, d) {
    if (!echarts.getMap('china')) {
      return null;
    }
    var chart = echarts.init(el);
    var max = d.regions.reduce(function (m, r) { return Math.max(m, r.value); }, 1);
    chart.setOption({
      tooltip: {
        trigger: 'item',
        formatter: function (p) { return p.data ? lines(p.data.label, d.series, p.data.values) : escape(p.name); }
      },
      visualMap: { min: 0, max: max, left: 0, bottom: 0, itemHeight: 100, inRange: { color: ['#f6e7e7', '#8b1a1a'] } },
      series: [{ type: 'map', map: 'china', roam: false, data: d.regions }]
    });
    return chart;
  }

  function world(el, d) {
    fetch(el.getAttribute('data-geo'), { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (geo) {
        if (!echarts.getMap('world')) {
          echarts.registerMap('world', geo);
        }
        var chart = echarts.init(el);
        charts.push(chart);
        chart.setOption({
          tooltip: {
            trigger: 'item',
            formatter: function (p) {
              if (!p.data) {
                return escape(p.name);
              }
              var text = lines(p.data.label, d.series, p.data.values);
              return p.data.marked ? text + '<br>★ ' + escape(d.beltAndRoad) : text;
            }
          },
          series: [{
            type: 'map',
            map: 'world',
            roam: true,
            itemStyle: { areaColor: '#eeeeee', borderColor: '#aaaaaa', borderWidth: 0.5 },
            emphasis: { label: { show: false }, itemStyle: { areaColor: '#f0ad4e' } },
            data: d.regions.map(function (r) {
              return {
                name: r.name, value: r.values[2], label: r.label, values: r.values, marked: r.marked, link: r.link,
                itemStyle: {
                  areaColor: r.values[2] > 0 ? '#1f5f99' : '#9ec5e8',
                  borderColor: r.marked ? '#d62728' : '#aaaaaa',
                  borderWidth: r.marked ? 1.5 : 0.5
                }
              };
            })
          }]
        });
        chart.on('click', function (p) {
          if (p.data && p.data.link) {
            window.location.href = p.data.link;
          }
        });
      });
  }

  document.querySelectorAll('.stat-chart[data-chart]').forEach(function (el) {
    var d = JSON.parse(el.getAttribute('data-chart'));
    var map = el.getAttribute('data-map');
    var chart = map === 'world' ? world(el, d) : map === 'china' ? china(el, d) : bars(el, d);
    if (chart) {
      charts.push(chart);
    }
  });
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
