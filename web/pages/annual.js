// 年度考核: the year's table, with each unit's contribution at the 2-point weight.
'use strict';
(async () => {
  await Desk.header('/annual.html');
  const year = Desk.param('year', String(new Date().getFullYear() - 1));
  const tier = Desk.param('tier', 'COUNTY');
  document.getElementById('year').value = year;
  document.getElementById('tier').value = tier;
  const show = async (first) => {
    const a = await Desk.get('/api/v1/annual?year=' + year + '&tier=' + tier + '&page_size=' +
                             Desk.pageRows() + (first > 0 ? '&page_token=' + first : ''));
    document.getElementById('title').textContent = year + '年度' + TEXTS['tier_' + tier] +
        TEXTS.annual_title + '（' + a.months + '个月，权重' + a.weight + '分）';
    const months = Array.from({ length: 12 }, (_, i) => (i + 1) + '月');
    document.getElementById('annual').replaceChildren(Desk.table(
        [TEXTS.rank, TEXTS.unit, ...months, TEXTS.mean, TEXTS.annual_items, TEXTS.annual_score,
         TEXTS.contribution],
        a.rows.map(r => [r.rank, { text: r.name, class: 'name' },
                         ...months.map((_, i) => (i < r.monthly.length ? Desk.fixed(r.monthly[i]) : '')),
                         Desk.fixed(r.mean), Desk.fixed(r.annual_items), Desk.fixed(r.annual_score),
                         Number(r.contribution).toFixed(3)]), 'annual-table'),
        Desk.pager('pager-annual', a, a.rows.length, show));
  };
  try {
    await show(0);
    const q = 'year=' + year + '&tier=' + tier;
    document.getElementById('downloads').replaceChildren(
        Desk.el('a', { href: '/api/v1/annual.xlsx?' + q, download: '' }, TEXTS.download_xlsx),
        Desk.el('a', { href: '/api/v1/annual.csv?' + q, download: '' }, TEXTS.download_csv));
  } catch (err) {
    document.getElementById('annual').replaceChildren(
        Desk.el('p', { class: 'refusal' }, Desk.refusal(err)));
  }
  document.body.dataset.ready = 'yes';
})();
