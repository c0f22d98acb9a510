// Gives every relative import in dist/js/*.mjs the fingerprint of the file it
// imports:  from './govuk-frontend.min.js'  ->  from './govuk-frontend.min.js?v=<16 hex>'
// The layouts fingerprint the <script> URLs (asp-append-version), but a module's
// own imports are fetched by the browser at the plain URL, which may be cached
// only an hour. With this, every JS file the pages load has a fingerprinted URL
// (cached a year), and init.mjs's own fingerprint changes with govuk-frontend's.
// The fingerprint is the one the web host computes (StaticAsset.FingerprintOf in
// src/SaferBcp.Cms/Assets): the first 16 hex digits of the file's SHA-256.
// Run by ThemeAssets.targets after the scripts are copied to dist/js.
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
const fingerprint = (file) => createHash('sha256').update(readFileSync(join(dir, file))).digest('hex').slice(0, 16)
const relativeImport = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])\.\/([\w.-]+\.m?js)\2/g

for (const file of readdirSync(dir).filter((name) => name.endsWith('.mjs'))) {
  const source = readFileSync(join(dir, file), 'utf8')
  const rewritten = source.replace(relativeImport, (_, keyword, quote, target) =>
    `${keyword}${quote}./${target}?v=${fingerprint(target)}${quote}`)
  if (rewritten !== source) {
    writeFileSync(join(dir, file), rewritten)
  }
}
