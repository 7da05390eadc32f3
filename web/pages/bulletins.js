// 简报: the published bulletins, each in its printable rendering.
'use strict';

function show(b) {
  const q = 'year=' + b.year + '&number=' + b.number;
  document.getElementById('bulletin').src = '/api/v1/bulletin.html?' + q;
  document.getElementById('xlsx').href = '/api/v1/bulletin.xlsx?' + q;
}

(async () => {
  await Desk.header('/bulletins.html');
  const list = await Desk.get('/api/v1/bulletins');
  const entries = list.bulletins.slice().reverse();
  document.getElementById('list').replaceChildren(entries.length === 0 ? TEXTS.none :
      Desk.table([TEXTS.issue, TEXTS.period, TEXTS.publish_date], entries.map(b => {
        const a = Desk.el('a', { href: '#' }, b.year + '年第' + b.number + '期');
        a.addEventListener('click', (e) => { e.preventDefault(); show(b); });
        return [a, b.period, b.publish_date];
      })));
  if (entries.length > 0) show(entries[0]);
  document.getElementById('print').addEventListener('click', () =>
      document.getElementById('bulletin').contentWindow.print());
  document.body.dataset.ready = 'yes';
})();
