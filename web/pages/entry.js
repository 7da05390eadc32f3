// 填报: a unit (or its county) fills in its month in a form laid out like the
// national tables; the balance identity and the totals are computed as it
// types, the supervisor's check (ValidateReport) is shown beside the fields
// before submitting, and the month's stored versions are listed afterwards.
'use strict';

const Entry = {
  unit: '', period: '', fields: [], inputs: {}, messages: {}, sums: {}, labels: {}, seq: 0, timer: 0,

  value(path) {
    const input = Entry.inputs[path];
    return input && input.value !== '' ? Number(input.value) : 0;
  },

  // The report as typed, in the proto's JSON mapping (empty cells left out).
  report() {
    const r = { unit_id: Entry.unit, period: Entry.period };
    for (const f of Entry.fields) {
      const v = Entry.value(f.path);
      if (!v) continue;
      const parts = f.path.split('.');
      let o = r;
      for (const p of parts.slice(0, -1)) o = (o[p] = o[p] || {});
      o[parts[parts.length - 1]] = v;
    }
    const note = document.getElementById('note').value;
    if (note) r.note = note;
    return r;
  },

  // The figures a total should equal the sum of: a ".total" is the sum of
  // its group's figures (a sub-group counted by its own total).
  partsOf(path) {
    if (path === 'proactive.items_total') return [Entry.under('proactive.categories')];
    if (path === 'applications.new_total') {
      return [Entry.under('applications.by_applicant'), Entry.under('applications.received')];
    }
    if (!path.endsWith('.total')) return [];
    const parent = path.slice(0, -'.total'.length);
    return [Entry.fields.map(f => f.path).filter(p => {
      if (p === path || !p.startsWith(parent + '.')) return false;
      const rest = p.slice(parent.length + 1).split('.');
      return rest.length === 1 || (rest.length === 2 && rest[1] === 'total');
    })];
  },
  under(prefix) {
    return Entry.fields.map(f => f.path).filter(p => p.startsWith(prefix + '.'));
  },

  // Totals and the balance identity, as typed.
  compute() {
    for (const [path, groups] of Object.entries(Entry.sums)) {
      const cell = Entry.messages[path + '#sum'];
      const own = Entry.value(path);
      const texts = groups.map(g => g.reduce((s, p) => s + Entry.value(p), 0));
      cell.textContent = texts.length ? TEXTS.entry_sum + ' ' + texts.join(' / ') : '';
      cell.className = 'sum' + (texts.some(t => t !== own) ? ' off' : '');
    }
    const left = Entry.value('applications.new_total') + Entry.value('applications.carried_over');
    const right = Entry.value('applications.results.total') + Entry.value('applications.carried_forward');
    const b = document.getElementById('balance');
    b.textContent = TEXTS.entry_balance + '：' + left + ' / ' + right + ' — ' +
        (left === right ? TEXTS.entry_balance_ok : TEXTS.entry_balance_off + Math.abs(left - right));
    b.className = left === right ? 'ok' : 'off';
    b.dataset.balanced = String(left === right);
  },

  // Shows the supervisor's errors and warnings beside their fields.
  mark(errors, warnings) {
    for (const [key, cell] of Object.entries(Entry.messages)) {
      if (!key.includes('#')) { cell.textContent = ''; cell.className = 'msg'; }
    }
    const list = (id, items, cls) => {
      document.getElementById(id).replaceChildren(...items.map(e => {
        const cell = Entry.messages[e.field];
        if (cell && cell.textContent === '') {
          cell.textContent = e.description || e.message;
          cell.className = 'msg ' + cls;
        }
        return Desk.el('li', { 'data-field': e.field },
                       (Entry.labels[e.field] || e.field) + '：' + (e.description || e.message));
      }));
    };
    list('errors', errors, 'error');
    list('warnings', warnings, 'warn');
  },

  async check() {
    const seq = ++Entry.seq;
    const state = document.getElementById('check');
    state.textContent = TEXTS.entry_checking;
    state.dataset.state = 'checking';
    try {
      const answer = await Desk.post('/api/v1/reports/validate', { report: Entry.report() });
      if (seq !== Entry.seq) return;
      Entry.mark(answer.errors || [], answer.warnings || []);
      let text = answer.valid ? TEXTS.entry_valid : TEXTS.entry_invalid;
      if (answer.valid) {
        text += '；' + TEXTS.entry_would_be + answer.version;
        if (answer.score) text += '；' + TEXTS.entry_score + Desk.fixed(answer.score.total) + '（' + answer.score.grade + '）';
      }
      state.textContent = text;
      state.dataset.state = answer.valid ? 'valid' : 'invalid';
    } catch (err) {
      if (seq !== Entry.seq) return;
      state.textContent = Desk.refusal(err);
      state.dataset.state = 'refused';
    }
  },

  changed() {
    Entry.compute();
    clearTimeout(Entry.timer);
    Entry.timer = setTimeout(Entry.check, 300);
  },

  async submit() {
    const result = document.getElementById('result');
    const key = 'desk-' + (self.crypto && crypto.randomUUID ? crypto.randomUUID()
                                                            : Date.now() + '-' + Math.random());
    try {
      const answer = await Desk.post('/api/v1/reports', { report: Entry.report(), idempotency_key: key });
      result.textContent = TEXTS.entry_submitted + answer.version;
      result.className = '';
      await Entry.versions();
      await Entry.check();
    } catch (err) {
      result.textContent = Desk.refusal(err);
      result.className = 'refusal';
      Entry.mark(err.field_violations || [], []);
    }
  },

  async versions() {
    const q = '?from_period=' + Entry.period + '&to_period=' + Entry.period;
    const reports = await Desk.get('/api/v1/units/' + Entry.unit + '/reports' + q);
    const subs = (reports.submissions || []).slice().reverse();
    document.getElementById('versions').replaceChildren(subs.length === 0 ? TEXTS.entry_no_versions :
        Desk.table([TEXTS.version, TEXTS.submitted_at, TEXTS.days_late, TEXTS.warnings],
                   subs.map(s => [s.version, s.submitted_at.replace('T', ' ').replace('Z', ' UTC'),
                                  s.days_late || 0,
                                  { text: (s.warnings || []).map(w => w.message).join('；'), class: 'name' }]),
                   'versions-table'));
  },

  build(form) {
    Entry.fields = form.fields;
    const sections = form.sections.map(s => {
      const rows = form.fields.filter(f => f.section === s.id).map(f => {
        Entry.labels[f.path] = f.label;
        const input = Desk.el('input', { type: 'number', min: '0', step: '1', id: 'f-' + f.path.replaceAll('.', '-'),
                                         'data-path': f.path, inputmode: 'numeric' });
        input.addEventListener('input', Entry.changed);
        Entry.inputs[f.path] = input;
        const sum = Desk.el('td', { class: 'sum' });
        const msg = Desk.el('td', { class: 'msg', 'data-for': f.path });
        Entry.messages[f.path + '#sum'] = sum;
        Entry.messages[f.path] = msg;
        return [{ text: f.label, class: 'name' }, input, sum, msg];
      });
      return Desk.el('section', { id: 'section-' + s.id }, Desk.el('h2', {}, s.title),
                     Desk.table([TEXTS.indicator, TEXTS.entry_fill, '', TEXTS.entry_check], rows));
    });
    for (const f of form.fields) {
      const parts = Entry.partsOf(f.path).filter(g => g.length > 0);
      if (parts.length) Entry.sums[f.path] = parts;
    }
    document.getElementById('form').replaceChildren(...sections);
  },
};

(async () => {
  await Desk.header('/entry.html');
  Entry.period = Desk.param('period', Desk.lastMonth());
  Entry.unit = Desk.param('unit', Desk.session.unit_id);
  document.getElementById('period').value = Entry.period;
  document.getElementById('unit-label').textContent = TEXTS.entry_unit;
  document.getElementById('note-label').textContent = TEXTS.entry_note;
  document.getElementById('versions-title').textContent = TEXTS.entry_versions;
  const submit = document.getElementById('submit');
  submit.textContent = TEXTS.entry_submit;
  submit.addEventListener('click', Entry.submit);
  document.getElementById('note').addEventListener('input', Entry.changed);
  try {
    const units = await Desk.get('/api/v1/units');
    const select = document.getElementById('unit');
    for (const u of units.units) select.append(Desk.el('option', { value: u.unit_id }, u.name));
    if (!Entry.unit && units.units.length) Entry.unit = units.units[0].unit_id;
    select.value = Entry.unit;
    const unit = units.units.find(u => u.unit_id === Entry.unit);
    document.getElementById('title').textContent =
        (unit ? unit.name : Entry.unit) + ' · ' + Entry.period + ' · ' + TEXTS.entry_title;
    Entry.build(await Desk.get('/api/v1/report-form'));
    Entry.compute();
    await Entry.versions();
    await Entry.check();
  } catch (err) {
    document.getElementById('content').hidden = true;
    document.getElementById('refusal').textContent = Desk.refusal(err);
  }
  document.body.dataset.ready = 'yes';
})();
