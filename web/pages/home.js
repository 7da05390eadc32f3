// 首页: the month's reporting status, league tables, named units and open cases.
'use strict';

function downloads(base, query) {
  return [Desk.el('a', { href: base + '.xlsx?' + query, download: '' }, TEXTS.download_xlsx),
          Desk.el('a', { href: base + '.csv?' + query, download: '' }, TEXTS.download_csv)];
}

function changeCell(row) {
  if (!row.reported) return '';
  if (!row.ranked_last_month) return TEXTS.new_entry;
  if (row.rank_change > 0) return { text: '↑' + row.rank_change, class: 'up' };
  if (row.rank_change < 0) return { text: '↓' + (-row.rank_change), class: 'down' };
  return '—';
}

async function showStatus(period) {
  const status = await Desk.get('/api/v1/status?period=' + period + '&tiers_only=true');
  const rows = status.tiers.map(t => [
    { text: TEXTS['tier_' + t.tier], class: 'name' }, t.expected, t.reported, t.on_time,
    t.reported - t.on_time, t.expected - t.reported, Desk.percent(t.completeness),
    Desk.percent(t.timeliness)]);
  document.getElementById('status').replaceChildren(Desk.table(
      [TEXTS.tier, TEXTS.expected, TEXTS.reported, TEXTS.on_time, TEXTS.late, TEXTS.missing,
       TEXTS.completeness, TEXTS.timeliness], rows, 'status-table'));
  document.getElementById('status-downloads').replaceChildren(
      ...downloads('/api/v1/status', 'period=' + period));
}

// One tier's league table, the page starting at row `first` (0-based), with
// its pager.
async function showLeague(block, period, tier, first) {
  const query = 'period=' + period + '&tier=' + tier;
  const league = await Desk.get('/api/v1/league?' + query + '&page_size=' + Desk.pageRows() +
                                (first > 0 ? '&page_token=' + first : ''));
  const rows = league.rows.map(r => [
    r.reported ? r.rank : '—', changeCell(r),
    Desk.el('a', { href: '/unit.html?unit=' + r.unit_id + '&period=' + period }, r.name),
    r.reported ? Desk.fixed(r.score) : TEXTS.not_reported,
    { text: r.grade, class: 'grade-' + r.grade }, r.overdue_replies]);
  block.replaceChildren(
      Desk.el('h3', {}, TEXTS['tier_' + tier] + TEXTS.league_title),
      Desk.el('div', { class: 'tools' }, ...downloads('/api/v1/league', query)),
      Desk.table([TEXTS.rank, TEXTS.change, TEXTS.unit, TEXTS.score, TEXTS.grade, TEXTS.overdue],
                 rows, 'league-' + tier),
      Desk.pager('pager-' + tier, league, league.rows.length,
                 (at) => showLeague(block, period, tier, at)));
}

async function showLeagues(period) {
  const box = document.getElementById('leagues');
  box.replaceChildren();
  for (const tier of ['COUNTY', 'AGENCY', 'TOWNSHIP']) {
    const block = Desk.el('div', { class: 'league', id: 'block-' + tier });
    box.append(block);
    await showLeague(block, period, tier, 0);
  }
}

async function showNamedAndCases(period) {
  const named = document.getElementById('named');
  try {
    const b = await Desk.get('/api/v1/bulletin?period=' + period);
    named.replaceChildren(b.named.length === 0 ? TEXTS.none : Desk.table(
        [TEXTS.unit, TEXTS.tier, TEXTS.score, TEXTS.reason],
        b.named.map(n => [{ text: n.name, class: 'name' }, TEXTS['tier_' + n.tier],
                          Desk.fixed(n.score), { text: n.reasons.join('；'), class: 'name' }])));
  } catch (err) {
    named.replaceChildren(Desk.refusal(err));
  }
  const cases = await Desk.get('/api/v1/cases?state=OPEN');
  document.getElementById('cases').replaceChildren(cases.cases.length === 0 ? TEXTS.none :
      Desk.table([TEXTS.case_id, TEXTS.unit, TEXTS.level, TEXTS.state],
                 cases.cases.map(c => [c.case_id, { text: c.name, class: 'name' },
                                       TEXTS['level_' + c.counters.level] || '',
                                       TEXTS['state_' + c.counters.state] || ''])));
}

(async () => {
  await Desk.header('/');
  const period = Desk.param('period', Desk.lastMonth());
  document.getElementById('period').value = period;
  try {
    await showStatus(period);
    await showLeagues(period);
    await showNamedAndCases(period);
  } catch (err) {
    document.querySelector('main').append(Desk.el('p', { class: 'refusal' }, Desk.refusal(err)));
  }
  document.body.dataset.ready = 'yes';
})();
