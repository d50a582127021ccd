// The page an invitation email links to: name and password, then POST /api/invitations/accept.
// Served when the admin app (web/) is not built; where it is, its accept screen answers the same
// address. The token never leaves the browser except to that one request.

export function renderAcceptInvitationPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Join on Plixo</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem;color:#1d2433}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}button{margin-top:1rem;padding:.6rem 1rem;font:inherit}#message{margin-top:1rem}</style></head>
<body><h1>Accept your invitation</h1>
<form id="accept"><label for="name">Your name (new accounts)</label><input id="name" name="name" autocomplete="name">
<label for="password">Password (at least 12 characters; for an existing account, its password)</label><input id="password" name="password" type="password" required minlength="12" autocomplete="new-password">
<button type="submit">Join</button></form><p id="message" role="status"></p>
<script>
document.getElementById('accept').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = document.getElementById('message');
  const token = new URLSearchParams(location.search).get('token') || '';
  const response = await fetch('/api/invitations/accept', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name: document.getElementById('name').value, password: document.getElementById('password').value }) });
  const body = await response.json();
  message.textContent = response.ok ? 'You joined ' + body.organisations.map((o) => o.name + ' (' + o.role + ')').join(', ') + '. You are signed in.' : body.error.message;
});
</script></body></html>`;
}
