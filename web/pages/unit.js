// 单位: a unit's twelve months as a chart, the month's breakdown, its report
// versions, findings and case history.
'use strict';

function drawTrend(months) {
  const chart = echarts.init(document.getElementById('trend'), null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: [TEXTS.score_axis, TEXTS.rank_axis] },
    xAxis: { type: 'category', data: months.months.map(m => m.period) },
    yAxis: [{ type: 'value', name: TEXTS.score_axis, min: 0, max: 100 },
            { type: 'value', name: TEXTS.rank_axis, inverse: true, minInterval: 1, min: 1 }],
    series: [
      { name: TEXTS.score_axis, type: 'line', data: months.months.map(m => m.score.toFixed(2)) },
      { name: TEXTS.rank_axis, type: 'bar', yAxisIndex: 1, barWidth: 12,
        data: months.months.map(m => (m.reported ? m.rank : null)) },
    ],
  });
  document.getElementById('trend').dataset.drawn = String(months.months.length);
}

(async () => {
  await Desk.header('/unit.html');
  const period = Desk.param('period', Desk.lastMonth());
  const unit = Desk.param('unit', Desk.session.unit_id);
  document.getElementById('period').value = period;
  const select = document.getElementById('unit');
  const units = await Desk.get('/api/v1/units');
  for (const u of units.units) {
    select.append(Desk.el('option', { value: u.unit_id }, u.name));
  }
  if (unit) select.value = unit;
  if (!unit) {
    document.getElementById('content').hidden = true;
    document.body.dataset.ready = 'yes';
    return;
  }
  try {
    const months = await Desk.get('/api/v1/units/' + unit + '/months?period=' + period);
    document.getElementById('title').textContent = months.name + ' · ' + TEXTS.trend_title;
    drawTrend(months);
    const score = await Desk.get('/api/v1/units/' + unit + '/score?period=' + period);
    document.getElementById('breakdown').replaceChildren(
        Desk.el('p', {}, TEXTS.score + '：' + Desk.fixed(score.total) + '（' + score.grade + '）'),
        Desk.table([TEXTS.indicator, TEXTS.points, TEXTS.possible, TEXTS.reason],
                   score.lines.map(l => [{ text: l.name, class: 'name' }, Desk.fixed(l.points),
                                         Desk.fixed(l.possible), { text: l.reason, class: 'name' }]),
                   'breakdown-table'));
    const reports = await Desk.get('/api/v1/units/' + unit + '/reports');
    document.getElementById('versions').replaceChildren(Desk.table(
        [TEXTS.period, TEXTS.version, TEXTS.submitted_at, TEXTS.days_late, TEXTS.warnings],
        reports.submissions.slice().reverse().map(s => [
          s.report.period, s.version, s.submitted_at.replace('T', ' ').replace('Z', ' UTC'),
          s.days_late, { text: s.warnings.map(w => w.message).join('；'), class: 'name' }])));
    const findings = await Desk.get('/api/v1/findings?unit_id=' + unit);
    document.getElementById('findings').replaceChildren(findings.findings.length === 0 ? TEXTS.none :
        Desk.table([TEXTS.period, TEXTS.kind, TEXTS.note, TEXTS.rectified],
                   findings.findings.map(f => [f.period, TEXTS['finding_' + f.kind] || f.kind, { text: f.note, class: 'name' },
                                               f.rectified ? TEXTS.yes_rectified : TEXTS.not_rectified])));
    const cases = await Desk.get('/api/v1/cases?unit_id=' + unit);
    const history = cases.cases.map(c => Desk.el('div', {},
        Desk.el('h3', {}, c.case_id + ' · ' + (TEXTS['state_' + c.counters.state] || '')),
        Desk.table([TEXTS.period, TEXTS.steps, TEXTS.reason],
                   c.steps.map(s => [s.period, TEXTS['step_' + s.kind] || s.kind,
                                     { text: s.reasons.join('；') + (s.note ? ' ' + s.note : ''),
                                       class: 'name' }]))));
    document.getElementById('cases').replaceChildren(...(history.length ? history : [TEXTS.none]));
  } catch (err) {
    document.getElementById('content').hidden = true;
    document.getElementById('refusal').textContent = Desk.refusal(err);
  }
  document.body.dataset.ready = 'yes';
})();
