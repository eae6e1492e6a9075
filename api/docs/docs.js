// Renders the OpenAPI document as a readable page: every path and method,
// parameters, bodies and answers, and the problem types.
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const kid of kids) e.append(kid);
  return e;
};
const schemaText = (doc, s) => JSON.stringify(s, null, 2);

const doc = await (await fetch('/api/openapi.json')).json();
document.title = doc.info.title;
document.getElementById('info').textContent = `${doc.info.title} ${doc.info.version}: ${doc.info.description ?? ''}`;
const toc = document.getElementById('toc');
const ops = document.getElementById('ops');
for (const [path, item] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (!['get', 'post', 'put', 'patch', 'delete', 'head'].includes(method)) continue;
    const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-');
    toc.append(el('a', { href: `#${id}` }, `${method.toUpperCase()} ${path}`));
    const box = el('section', { class: 'op', id });
    box.append(el('h3', {}, el('span', { class: `method ${method}` }, method), ' ', el('code', {}, path)));
    if (op.summary) box.append(el('p', {}, op.summary));
    if (op.description) box.append(el('p', {}, op.description));
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
    if (params.length) {
      const t = el('table', {}, el('tr', {}, el('th', {}, 'parameter'), el('th', {}, 'in'), el('th', {}, 'description')));
      for (const p of params) t.append(el('tr', {}, el('td', {}, el('code', {}, p.name ?? p.$ref)), el('td', {}, p.in ?? ''), el('td', {}, p.description ?? '')));
      box.append(t);
    }
    const body = op.requestBody?.content?.['application/json']?.schema;
    if (body) box.append(el('p', {}, 'Body:'), el('pre', {}, schemaText(doc, body)));
    const t = el('table', {}, el('tr', {}, el('th', {}, 'status'), el('th', {}, 'meaning')));
    for (const [code, r] of Object.entries(op.responses ?? {})) t.append(el('tr', {}, el('td', {}, code), el('td', {}, r.description ?? r.$ref ?? '')));
    box.append(t);
    ops.append(box);
  }
}
const schemas = doc.components?.schemas ?? {};
ops.append(el('h2', { id: 'schemas' }, 'Schemas'));
for (const [name, s] of Object.entries(schemas)) ops.append(el('h3', { id: `schema-${name}` }, name), el('pre', {}, schemaText(doc, s)));
ops.append(el('h2', { id: 'problems' }, 'Problem types'));
for (const [status, text] of [[400, 'Bad Request'], [401, 'Unauthorized'], [403, 'Forbidden'], [404, 'Not Found'], [405, 'Method Not Allowed'],
  [409, 'Conflict'], [412, 'Precondition Failed'], [413, 'Request Entity Too Large'], [415, 'Unsupported Media Type'], [422, 'Unprocessable Entity'],
  [428, 'Precondition Required'], [429, 'Too Many Requests'], [500, 'Internal Server Error'], [503, 'Service Unavailable']]) {
  ops.append(el('h3', { id: `problem-${text.toLowerCase().replaceAll(' ', '-')}` }, `${status} ${text}`));
}
if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
