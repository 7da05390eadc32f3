// Shared by every page: the header, calls to /api/v1/ and small helpers.
'use strict';

const Desk = {
  session: null,

  // GET /api/v1/...: the JSON answer, or throws {code, message, field_violations}.
  async get(path) {
    const res = await fetch(path, { credentials: 'same-origin' });
    return Desk.answer(res);
  },

  // A state-changing request: JSON body, the session's CSRF token.
  async post(path, body) {
    const res = await fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': Desk.session.csrf_token },
      body: JSON.stringify(body),
    });
    return Desk.answer(res);
  },

  async answer(res) {
    const body = await res.json();
    if (res.status === 401) {
      location.href = '/signin.html?next=' + encodeURIComponent(location.pathname + location.search);
      throw body;
    }
    if (!res.ok) throw body;
    return body;
  },

  // A refusal in words: the catalogue's text for its code, then the server's reason.
  refusal(err) {
    const text = TEXTS['code_' + err.code] || err.code;
    const fields = (err.field_violations || []).map(f => f.field + '：' + f.description).join('；');
    return text + '（' + (fields || err.message) + '）';
  },

  param(name, fallback) {
    return new URLSearchParams(location.search).get(name) || fallback;
  },

  // The month being reported: last month.
  lastMonth() {
    const d = new Date();
    d.setDate(1);
    d.setMonth(d.getMonth() - 1);
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0');
  },

  el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : String(c));
    return e;
  },

  // A text of TEXTS with each {name} replaced by values[name].
  say(code, values) {
    return TEXTS[code].replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m));
  },

  // Rows a page of a long table shows (?rows=N to change it): a national
  // tier has hundreds of thousands, read a page at a time.
  pageRows() {
    return Math.max(1, Math.min(500, Number(Desk.param('rows', '50')) || 50));
  },

  // The pager under a page of a table answered with total_rows, first_row
  // and next_page_token: 第 1–50 行，共 N 个单位, 上一页, 下一页; `go(first)`
  // shows the page starting at row `first`.
  pager(id, answer, shown, go) {
    const total = answer.total_rows || 0;
    const from = answer.first_row || 0;
    const prev = Desk.el('button', { class: 'prev' }, TEXTS.page_prev);
    const next = Desk.el('button', { class: 'next' }, TEXTS.page_next);
    prev.disabled = from === 0;
    next.disabled = !answer.next_page_token;
    prev.addEventListener('click', () => go(Math.max(0, from - Desk.pageRows())));
    next.addEventListener('click', () => go(Number(answer.next_page_token)));
    return Desk.el('div', { class: 'tools pager', id },
                   Desk.el('span', {}, total === 0 ? TEXTS.page_empty
                                                   : Desk.say('page_rows', { from: from + 1, to: from + shown, total })),
                   prev, next);
  },

  // A table: headers, then rows of cells (a Node or text; {text, class} for
  // a class; a <td> of the caller's own goes in as it is, not inside another).
  table(headers, rows, id) {
    const t = Desk.el('table', id ? { id } : {});
    t.append(Desk.el('tr', {}, ...headers.map(h => Desk.el('th', {}, h))));
    for (const r of rows) {
      t.append(Desk.el('tr', {}, ...r.map(c =>
        c && c.text !== undefined ? Desk.el('td', { class: c.class || '' }, c.text)
          : c instanceof HTMLTableCellElement ? c
          : Desk.el('td', {}, c))));
    }
    return t;
  },

  percent(x) { return (100 * x).toFixed(1) + '%'; },
  fixed(x) { return Number(x).toFixed(2); },

  // The header: the app's name, the five pages, who is signed in, sign-out.
  async header(here) {
    Desk.session = await Desk.get('/api/v1/session');
    const nav = Desk.el('nav', {});
    for (const [page, key] of [['/', 'nav_home'], ['/unit.html', 'nav_unit'], ['/entry.html', 'nav_entry'],
                               ['/bulletins.html', 'nav_bulletins'], ['/annual.html', 'nav_annual'],
                               ['/annual_report.html', 'nav_annual_report']]) {
      nav.append(Desk.el('a', { href: page, class: page === here ? 'here' : '' }, TEXTS[key]));
    }
    const out = Desk.el('button', { id: 'signout' }, TEXTS.sign_out);
    out.addEventListener('click', async () => {
      await Desk.post('/api/v1/signout', {});
      location.href = '/signin.html';
    });
    const who = Desk.el('span', { class: 'who', id: 'who' },
                        TEXTS.signed_in_as + Desk.session.name, out);
    document.body.prepend(Desk.el('header', {}, Desk.el('h1', {}, TEXTS.app), nav, who));
  },
};
