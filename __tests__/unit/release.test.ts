// script/release in a scratch repository: the guards, the version, and the vX.Y.Z and moving vX tags.
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../../sandbox/run-action.js'

let repo: string
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim()
const release = (...args: string[]) =>
  spawnSync('bash', [join(repo, 'script', 'release'), ...args], { cwd: repo, encoding: 'utf8' })

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'release-'))
  mkdirSync(join(repo, 'script'))
  mkdirSync(join(repo, 'dist'))
  copyFileSync(join(ROOT, 'script', 'release'), join(repo, 'script', 'release'))
  // A stand-in project: bundling rewrites dist/ from src.txt, as ncc does from src/.
  writeFileSync(join(repo, 'src.txt'), 'v1 code\n')
  writeFileSync(join(repo, 'dist', 'index.js'), 'v1 code\n')
  writeFileSync(
    join(repo, 'package.json'),
    JSON.stringify({ name: 'scratch', version: '0.0.0', scripts: { bundle: 'cp src.txt dist/index.js' } }, null, 2)
  )
  writeFileSync(join(repo, 'CHANGELOG.md'), '# Changelog\n\n## [1.0.0] - 2026-11-27\n\n- First release.\n')
  git('init', '-q', '-b', 'main')
  git('config', 'user.email', 'test@example.com')
  git('config', 'user.name', 'Test')
  git('add', '-A')
  git('commit', '-q', '-m', 'initial')
})
afterEach(() => rmSync(repo, { recursive: true, force: true }))

test('tags vX.Y.Z, moves vX to it and sets the version', () => {
  const result = release('1.0.0')
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
  expect(result.stdout).toContain(
    'To publish: git push origin HEAD refs/tags/v1.0.0 && git push --force origin refs/tags/v1'
  )
  expect(git('rev-parse', 'v1.0.0^{commit}')).toBe(git('rev-parse', 'HEAD'))
  expect(git('rev-parse', 'v1^{commit}')).toBe(git('rev-parse', 'HEAD'))
  expect(git('log', '-1', '--format=%s')).toBe('Release v1.0.0')
  expect(JSON.parse(git('show', 'HEAD:package.json'))).toMatchObject({ version: '1.0.0' })

  writeFileSync(
    join(repo, 'CHANGELOG.md'),
    '# Changelog\n\n## [1.1.0] - 2026-12-01\n\n- More.\n\n## [1.0.0] - 2026-11-27\n'
  )
  git('commit', '-qam', 'notes')
  expect(release('1.1.0').status).toBe(0)
  expect(git('rev-parse', 'v1^{commit}')).toBe(git('rev-parse', 'v1.1.0^{commit}'))
  expect(git('rev-parse', 'v1.0.0^{commit}')).not.toBe(git('rev-parse', 'v1^{commit}'))
})

test.each<[string, () => void, string[], RegExp]>([
  ['a malformed version', () => {}, ['1.0'], /give the version as X\.Y\.Z/],
  ['a dirty tree', () => writeFileSync(join(repo, 'src.txt'), 'changed\n'), ['1.0.0'], /working tree has changes/],
  ['no release notes', () => {}, ['2.0.0'], /CHANGELOG\.md has no section '## \[2\.0\.0\]'/],
  [
    'a stale dist/',
    () => {
      writeFileSync(join(repo, 'src.txt'), 'v2 code\n')
      git('commit', '-qam', 'code without bundle')
    },
    ['1.0.0'],
    /dist\/ is not what the sources build to/
  ],
  [
    'a version not newer than the last',
    () => {
      git('tag', 'v1.2.0')
    },
    ['1.0.0'],
    /v1\.0\.0 is not newer than the last release, v1\.2\.0/
  ]
])('refuses %s, and tags nothing', (_, arrange, args, message) => {
  arrange()
  const tagsBefore = git('tag', '--list')
  const result = release(...args)
  expect(result.status).toBe(1)
  expect(result.stderr).toMatch(message)
  expect(git('tag', '--list')).toBe(tagsBefore)
})
