// 登录: a token in, a session cookie (HttpOnly) back, then the page asked for.
'use strict';
document.getElementById('signin').addEventListener('submit', async (e) => {
  e.preventDefault();
  const res = await fetch('/api/v1/signin', {
    method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: document.getElementById('token').value.trim() }),
  });
  if (res.ok) {
    const next = new URLSearchParams(location.search).get('next') || '/';
    location.href = next.startsWith('/') && !next.startsWith('//') ? next : '/';
    return;
  }
  const err = await res.json();
  document.getElementById('refusal').textContent =
      (TEXTS['code_' + err.code] || err.code) + '（' + err.message + '）';
});
