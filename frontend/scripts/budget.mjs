#!/usr/bin/env node
// Bundle budget: the JavaScript a browser loads for the first page (the entry
// module script of dist/index.html and the chunks it modulepreloads) must stay
// within BUDGET_KB kilobytes gzipped. Also checks that index.html carries no
// inline script or style, which the server's Content-Security-Policy blocks.
//
// Usage: npm run build && npm run budget   (exit 1 when over budget)
// SUMMIT_JS_BUDGET_KB overrides the budget, e.g. to try the failure path.

import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const BUDGET_KB = Number(process.env.SUMMIT_JS_BUDGET_KB ?? 300)
const KB = 1024

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')
const indexPath = join(dist, 'index.html')

function fail(message) {
  console.error(`budget: ${message}`)
  process.exit(1)
}

if (!Number.isFinite(BUDGET_KB) || BUDGET_KB <= 0) {
  fail(`SUMMIT_JS_BUDGET_KB must be a positive number, not ${JSON.stringify(process.env.SUMMIT_JS_BUDGET_KB)}`)
}
if (!existsSync(indexPath)) {
  fail(`${relative(process.cwd(), indexPath)} not found: run \`npm run build\` first`)
}
const html = readFileSync(indexPath, 'utf8')

/** attrs parses the attributes of one start tag into a Map (names lower-cased). */
function attrs(tag) {
  const out = new Map()
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g
  const body = tag.replace(/^<[a-z0-9-]+/i, '').replace(/\/?>$/, '')
  for (const m of body.matchAll(re)) out.set(m[1].toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '')
  return out
}

// Content-Security-Policy: script-src 'self'; style-src 'self' (no 'unsafe-inline').
const problems = []
for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi)) {
  const a = attrs(m[0].slice(0, m[0].indexOf('>') + 1))
  if (!a.has('src') || m[1].trim() !== '') problems.push('an inline <script>')
}
if (/<style\b/i.test(html)) problems.push('an inline <style>')
for (const m of html.matchAll(/<[a-z][^>]*>/gi)) {
  for (const name of attrs(m[0]).keys()) {
    if (name === 'style') problems.push(`a style attribute in ${m[0]}`)
    if (name.startsWith('on')) problems.push(`an event handler attribute ${name}= in ${m[0]}`)
  }
}
if (problems.length > 0) {
  fail(`dist/index.html has ${problems.join(', ')}; the server's Content-Security-Policy blocks inline code`)
}

// The JavaScript loaded up front: module entry scripts and modulepreload links.
const initial = []
for (const m of html.matchAll(/<script\b[^>]*>/gi)) {
  const a = attrs(m[0])
  if (a.has('src')) initial.push(a.get('src'))
}
for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
  const a = attrs(m[0])
  const rel = (a.get('rel') ?? '').toLowerCase().split(/\s+/)
  if (rel.includes('modulepreload') && a.has('href')) initial.push(a.get('href'))
}
if (initial.length === 0) fail('dist/index.html loads no script: is this a Vite build?')

let total = 0
const rows = []
for (const src of new Set(initial)) {
  if (/^([a-z]+:)?\/\//i.test(src)) fail(`${src} is not served by the app itself`)
  const file = join(dist, decodeURI(src.replace(/[?#].*$/, '')).replace(/^\/+/, ''))
  if (!file.startsWith(dist + sep) || !existsSync(file)) fail(`${src}, loaded by dist/index.html, is not in dist/`)
  const raw = readFileSync(file)
  const gz = gzipSync(raw).length
  total += gz
  rows.push(`  ${src}  ${(raw.length / KB).toFixed(1)} KB, ${(gz / KB).toFixed(1)} KB gzipped`)
}

console.log(`Initial JavaScript (${rows.length} file${rows.length === 1 ? '' : 's'}):`)
console.log(rows.join('\n'))
const summary = `${(total / KB).toFixed(1)} KB gzipped of a ${BUDGET_KB} KB budget`
if (total > BUDGET_KB * KB) fail(`over budget: ${summary}`)
console.log(`budget: ok, ${summary}`)
