// What dist/ was built from: `record` writes a SHA-256 of src/, shims/, the lock file, package.json and the compiler settings
// to dist/.sources after a bundle; `ensure` (npm test's build) rebuilds dist/ with `npm run bundle` only when those
// changed since, so a fresh clone's committed dist/ is tested as it is. CI rebuilds it anyway and fails when it
// differs from what is committed (.ci/run).
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'

const RECORD = join('dist', '.sources')

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]
  )

function sourcesHash() {
  const hash = createHash('sha256')
  for (const file of [
    ...files('src'),
    ...files('shims'),
    'package-lock.json',
    'package.json',
    'tsconfig.json'
  ].sort()) {
    hash.update(`${file.split('\\').join('/')}\0`)
    hash.update(readFileSync(file))
  }
  return hash.digest('hex')
}

const [command] = process.argv.slice(2)
if (command === 'record') {
  writeFileSync(RECORD, `${sourcesHash()}\n`)
} else if (command === 'ensure') {
  const current = existsSync(RECORD) && readFileSync(RECORD, 'utf8').trim() === sourcesHash()
  if (current && existsSync(join('dist', 'index.js'))) {
    console.log('dist/ is what the sources build to (dist/.sources): not rebuilt.')
  } else {
    const built = spawnSync('npm', ['run', '--silent', 'bundle'], { stdio: 'inherit' })
    process.exit(built.status ?? 1)
  }
} else {
  console.error('usage: node script/dist-sources.mjs record|ensure')
  process.exit(2)
}
