import { readFileSync } from 'node:fs';
const buf = readFileSync(process.argv[2]);
let p = 8;
const leb = () => { let r = 0, s = 0, b; do { b = buf[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
let imports = 0, bodies = [], names = new Map();
while (p < buf.length) {
  const id = buf[p++]; const size = leb(); const end = p + size;
  if (id === 2) { const n = leb(); for (let i = 0; i < n; i++) { let l = leb(); p += l; l = leb(); p += l; const k = buf[p++]; if (k === 0) { leb(); imports++; } else if (k === 1) { p++; const f = buf[p++]; leb(); if (f & 1) leb(); } else if (k === 2) { const f = buf[p++]; leb(); if (f & 1) leb(); } else { p += 2; } } }
  if (id === 10) { const n = leb(); for (let i = 0; i < n; i++) { const s = leb(); bodies.push(s); p += s; } }
  if (id === 0) { const nl = leb(); const name = buf.slice(p, p + nl).toString(); p += nl; if (name === 'name') { while (p < end) { const sub = buf[p++]; const ss = leb(); const se = p + ss; if (sub === 1) { const n = leb(); for (let i = 0; i < n; i++) { const idx = leb(); const l = leb(); names.set(idx, buf.slice(p, p + l).toString()); p += l; } } p = se; } } }
  p = end;
}
const groups = new Map();
const rows = bodies.map((s, i) => [s, names.get(i + imports) ?? `f${i}`]);
const keyOf = (n) => {
  for (const k of ['serde_path_to_error', 'serde_json', 'serde_core', 'serde', 'miniz_oxide', 'base64', 'yew', 'web_sys', 'js_sys', 'wasm_bindgen', 'raft_scenario', 'raft_sim', 'raft_core', 'raft_web', 'talc', 'gloo', 'dec2flt', 'flt2dec', 'fmt', 'alloc', 'core', 'std', 'hashbrown', 'indexmap', 'ryu', 'itoa', 'memchr']) if (n.includes(k)) return k;
  return 'other';
};
for (const [s, n] of rows) groups.set(keyOf(n), (groups.get(keyOf(n)) ?? 0) + s);
console.log([...groups].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}: ${v}`).join('\n'));
if (process.argv[3] !== undefined) { rows.sort((a, b) => b[0] - a[0]); for (const [s, n] of rows.filter(([, n]) => n.includes(process.argv[3])).slice(0, 40)) console.log(s, n.slice(0, 140)); }
