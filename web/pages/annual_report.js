// 年度报告: the statutory annual report of a unit (with the units under it)
// or of a tier for a year: its tables as the server's renderer lays them out,
// what keeps it from being complete, and the report to download.
'use strict';
(async () => {
  await Desk.header('/annual_report.html');
  for (const e of document.querySelectorAll('[data-text]')) e.textContent = TEXTS[e.dataset.text];
  const year = Desk.param('year', String(new Date().getFullYear() - 1));
  const tier = Desk.param('tier', '');
  const unit = tier ? '' : Desk.param('unit', Desk.session.unit_id);
  document.getElementById('year').value = year;
  const units = document.getElementById('unit');
  units.append(Desk.el('option', { value: '' }, ''));
  for (const u of (await Desk.get('/api/v1/units')).units) {
    units.append(Desk.el('option', { value: u.unit_id }, u.name));
  }
  units.value = unit;
  const tiers = document.getElementById('tier');
  for (const t of ['', 'MUNICIPAL', 'AGENCY', 'COUNTY', 'TOWNSHIP']) {
    tiers.append(Desk.el('option', { value: t }, t ? TEXTS['tier_' + t] : ''));
  }
  tiers.value = tier;
  units.addEventListener('change', () => { if (units.value) tiers.value = ''; });
  tiers.addEventListener('change', () => { if (tiers.value) units.value = ''; });
  if (!unit && !tier) {
    document.getElementById('content').hidden = true;
    document.body.dataset.ready = 'yes';
    return;
  }
  const q = (tier ? 'tier=' + tier : 'unit_id=' + encodeURIComponent(unit)) + '&year=' + year;
  try {
    const r = await Desk.get('/api/v1/annual-report/tables?' + q);
    document.getElementById('title').textContent = r.title;
    document.getElementById('notes').replaceChildren(
        Desk.el('p', { id: 'report-status', class: r.complete ? 'note' : 'refusal' }, r.status),
        ...(r.notes || []).map(n => Desk.el('p', { class: 'note' }, n)));
    document.getElementById('downloads').replaceChildren(
        ...[['html', 'download_html'], ['md', 'download_md'], ['json', 'download_json'],
            ['xlsx', 'download_xlsx']].map(([ext, key]) =>
            Desk.el('a', { href: '/api/v1/annual-report.' + ext + '?' + q, download: '' },
                    TEXTS[key])));
    document.getElementById('tables').replaceChildren(...r.tables.map((t, i) => {
      const cell = (c, col) => (typeof c === 'number'
          ? c.toFixed(t.columns[col].decimals) : { text: c, class: 'name' });
      return Desk.el('section', {}, Desk.el('h2', {}, t.title),
          Desk.table(t.columns.map(c => c.header), t.rows.map(row => row.map(cell)),
                     'report-table-' + i),
          ...(t.note ? [Desk.el('p', { class: 'note' }, t.note)] : []));
    }));
  } catch (err) {
    document.getElementById('content').hidden = true;
    document.getElementById('refusal').textContent = Desk.refusal(err);
  }
  document.body.dataset.ready = 'yes';
})();
