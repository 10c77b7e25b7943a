// End to end, the built action writes the issued certificate out: the files, their modes, a chain that checks with
// node:crypto alone, the PKCS#12 file, a leaf-only answer completed from DownloadCertificate's ZIP, and refusals
// that write nothing (a key of another certificate, an SM2 certificate). The key never reaches the log.
import { createPrivateKey, X509Certificate } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSecureContext } from 'node:tls'
import { fileURLToPath } from 'node:url'
import forge from 'node-forge'
import { zipSync } from 'fflate'
import { HostileFront } from '../helpers/hostile-front.js'
import { errorLines, READ, resultsOf, useEmulator } from '../helpers/e2e-helpers.js'
import { certificateZip, issue, unrelatedPrivateKey } from '../../sandbox/issuer.js'
import { ROOT } from '../../sandbox/run-action.js'

const sandbox = useEmulator('file')
const { certificate, run, runInProcess, callsFor } = sandbox

const DOWNLOAD = 'DownloadCertificate'
const freshDir = (): string => join(mkdtempSync(join(tmpdir(), 'download-')), 'certificates')
const pems = (path: string): X509Certificate[] =>
  (readFileSync(path, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g) ?? []).map(
    (pem) => new X509Certificate(pem)
  )
const modeOf = (path: string): number => statSync(path).mode & 0o777
/** An issued certificate, re-run with skip-submitted: the quickest way to the files. */
const issuedInputs = (id: string, dir: string, extra: Record<string, string> = {}) => ({
  'certificate-id': id,
  'skip-submitted': 'true',
  'download-dir': dir,
  ...extra
})

test('after waiting, the certificate, chain and key are written, checked and described in the outputs and summary', async () => {
  const id = certificate({
    Domain: 'shop.example.com',
    altNames: ['shop.example.com', 'www.shop.example.com'],
    settleAfterReads: 2
  })
  const dir = freshDir()
  const result = await run({
    'certificate-id': id,
    'verify-type': 'DNS_AUTO',
    'wait-for-issuance': 'true',
    'wait-interval': '0.2',
    'download-dir': dir
  })

  expect([result.exitCode, errorLines(result)]).toEqual([0, []])
  const folder = join(dir, id)
  expect(readdirSync(folder).sort()).toEqual(['cert.pem', 'chain.pem', 'fullchain.pem', 'privkey.pem'])
  expect([modeOf(folder), modeOf(join(folder, 'privkey.pem')), modeOf(join(folder, 'cert.pem'))]).toEqual([
    0o700, 0o600, 0o644
  ])

  const [leaf, intermediate, ...more] = pems(join(folder, 'fullchain.pem'))
  expect(more).toEqual([])
  expect(pems(join(folder, 'cert.pem'))[0].fingerprint256).toBe(leaf.fingerprint256)
  expect(pems(join(folder, 'chain.pem'))[0].fingerprint256).toBe(intermediate.fingerprint256)
  expect(leaf.checkIssued(intermediate) && leaf.verify(intermediate.publicKey)).toBe(true)
  expect(leaf.checkHost('shop.example.com')).toBe('shop.example.com')
  expect(leaf.checkHost('www.shop.example.com')).toBe('www.shop.example.com')
  const key = readFileSync(join(folder, 'privkey.pem'), 'utf8')
  expect(key).not.toMatch(/\r/)
  expect(leaf.checkPrivateKey(createPrivateKey(key))).toBe(true)
  expect(Date.parse(leaf.validFrom)).toBeLessThanOrEqual(Date.now())
  expect(Date.parse(leaf.validTo)).toBeGreaterThan(Date.now())

  const fingerprint = leaf.fingerprint256.replace(/:/g, '')
  expect(result.outputs).toMatchObject({
    Status: '1',
    FullchainPath: join(folder, 'fullchain.pem'),
    PrivateKeyPath: join(folder, 'privkey.pem'),
    PfxPath: '',
    NotAfter: new Date(leaf.validTo).toISOString().replace('.000Z', 'Z')
  })
  const [entry] = resultsOf(result.outputs)
  expect(entry).toMatchObject({
    NotBefore: new Date(leaf.validFrom).toISOString().replace('.000Z', 'Z'),
    Fingerprint: fingerprint,
    SubjectAltNames: ['shop.example.com', 'www.shop.example.com'],
    Files: {
      CertificatePath: join(folder, 'cert.pem'),
      ChainPath: join(folder, 'chain.pem'),
      FullchainPath: join(folder, 'fullchain.pem'),
      PrivateKeyPath: join(folder, 'privkey.pem')
    }
  })
  expect(entry.FilesNote).toBeUndefined()
  expect(result.summary).toContain('### Certificate files')
  expect(result.summary).toContain(fingerprint)
  // The chain was in the detail: no download needed.
  expect(callsFor(id, DOWNLOAD)).toEqual([])
})

test('the key never reaches the log, with debug on: each of its lines is masked before anything else is printed', async () => {
  const id = certificate({ Status: 1 })
  const dir = freshDir()
  const result = await runInProcess(issuedInputs(id, dir), { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' })
  expect(result.exitCode).toBe(0)
  const keyLines = readFileSync(join(dir, id, 'privkey.pem'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('-----'))
  expect(keyLines.length).toBeGreaterThan(20)
  expect(result.log).toMatch(/^::debug::/m)
  const lines = result.log.split('\n')
  for (const secret of keyLines) {
    const where = lines.flatMap((line, index) => (line.includes(secret) ? [index] : []))
    // Only in the mask command that hides it, and that before the first line about the certificate's files.
    expect(where.map((index) => lines[index])).toEqual([`::add-mask::${secret}`])
    expect(where[0]).toBeLessThan(lines.findIndex((line) => line.includes('wrote cert.pem')))
  }
})

test('a leaf-only answer still yields the full chain, from DownloadCertificate', async () => {
  const id = certificate({ Status: 1, publicKey: 'leaf' })
  const dir = freshDir()
  const result = await run(issuedInputs(id, dir))
  expect(result.exitCode).toBe(0)
  const [leaf, intermediate] = pems(join(dir, id, 'fullchain.pem'))
  expect(intermediate).toBeDefined()
  expect(leaf.verify(intermediate.publicKey)).toBe(true)
  expect(callsFor(id, DOWNLOAD).map((call) => call.outcome)).toEqual(['ok'])
  expect(result.log).toMatch(/holds the leaf only; reading the chain from DownloadCertificate/)
})

test('pfx-password writes certificate.pfx, which opens with the password and holds the key and the full chain', async () => {
  const id = certificate({ Status: 1 })
  const dir = freshDir()
  const password = 'pfx-Secret-0001'
  const result = await run(issuedInputs(id, dir, { 'pfx-password': password }))
  expect(result.exitCode).toBe(0)
  const path = join(dir, id, 'certificate.pfx')
  expect(result.outputs.PfxPath).toBe(path)
  expect(modeOf(path)).toBe(0o600)
  const der = readFileSync(path)
  expect(() => createSecureContext({ pfx: der, passphrase: password })).not.toThrow()
  expect(() => createSecureContext({ pfx: der, passphrase: 'not it' })).toThrow()
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString('binary')), password)
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []
  const keyBags = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []
  expect(certBags.length).toBe(2)
  expect(keyBags.length).toBe(1)
  expect(result.log).toContain(`::add-mask::${password}`)
  expect(result.log.split(password).length - 1).toBe(1)
})

test('with your own CSR Tencent Cloud holds no key: no privkey.pem nor PFX, and the result and the log say why', async () => {
  const id = certificate({ Status: 1, keyHeld: false, publicKey: 'leaf' })
  const dir = freshDir()
  const result = await runInProcess(issuedInputs(id, dir, { 'pfx-password': 'pw-0002' }))
  expect(result.exitCode).toBe(0)
  expect(readdirSync(join(dir, id)).sort()).toEqual(['cert.pem', 'chain.pem', 'fullchain.pem'])
  expect(result.outputs.PrivateKeyPath).toBe('')
  const [entry] = resultsOf(result.outputs)
  expect(entry.FilesNote).toMatch(
    /no private key for it \(its CSR was your own\).*no certificate\.pfx without a private key/
  )
  expect(result.log).toMatch(/no private key for it/)
})

test('a re-run replaces the files and leaves no key of the earlier set behind', async () => {
  const id = certificate({ Status: 1 })
  const dir = freshDir()
  await runInProcess(issuedInputs(id, dir, { 'pfx-password': 'pw-0003' }))
  expect(existsSync(join(dir, id, 'certificate.pfx'))).toBe(true)
  const second = await runInProcess(issuedInputs(id, dir))
  expect(second.exitCode).toBe(0)
  expect(readdirSync(join(dir, id)).sort()).toEqual(['cert.pem', 'chain.pem', 'fullchain.pem', 'privkey.pem'])
})

describe('refusals write nothing', () => {
  let front: HostileFront
  beforeAll(async () => {
    front = await HostileFront.start(sandbox.emulator.endpoint)
  })
  afterEach(() => front.clear())
  afterAll(() => front.close())

  test('a corrupted answer (the key of another certificate) fails with ActionError.KeyMismatch and writes nothing', async () => {
    const id = certificate({ Status: 1 })
    const dir = freshDir()
    const wrongKey = unrelatedPrivateKey()
    // Every read of the run (skip-submitted's, the one for the files, and any a busy machine makes retried).
    front.on(READ, { kind: 'rewrite', edit: (answer) => ({ ...answer, CertificatePrivateKey: wrongKey }) }, 100)
    const result = await run({ ...issuedInputs(id, dir), endpoint: front.endpoint })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe('ActionError.KeyMismatch')
    expect(existsSync(dir)).toBe(false)
    const [error] = errorLines(result)
    expect(error).toMatch(
      new RegExp(
        `Certificate ${id}: ActionError.KeyMismatch: it is issued, but no file was written: the private key in the answer is not the certificate's`
      )
    )
    expect(error).toMatch(/RequestId [0-9a-f-]{36}/)
    expect(error).toMatch(/What to do: .*skip-submitted: true/)
    // Even a wrong key is a key: masked, never printed.
    for (const line of wrongKey.split('\r\n').filter((l) => l && !l.startsWith('-----')))
      expect(result.log.split(line).length - 1).toBe(1)
  })

  test('a hostile ZIP (a bomb of 50 MB of zeros) is not unpacked: nothing written, the missing chain named', async () => {
    const id = certificate({ Status: 1, publicKey: 'leaf' })
    const dir = freshDir()
    const bomb = Buffer.from(zipSync({ 'x_nginx/x_bundle.crt': new Uint8Array(50 * 1024 * 1024) })).toString('base64')
    front.on(DOWNLOAD, { kind: 'rewrite', edit: (answer) => ({ ...answer, Content: bomb }) })
    const result = await runInProcess({ ...issuedInputs(id, dir), endpoint: front.endpoint })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe('ActionError.ChainMismatch')
    expect(errorLines(result)[0]).toMatch(/the chain holds the leaf only/)
    expect(existsSync(dir)).toBe(false)
  })

  test('an SM2 dual certificate is refused clearly, not written half', async () => {
    const id = certificate({ Status: 1, sm2: true })
    const dir = freshDir()
    const result = await runInProcess(issuedInputs(id, dir))
    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe('ActionError.Sm2NotSupported')
    expect(errorLines(result)[0]).toMatch(/SM2 \(国密\) dual certificate/)
    expect(existsSync(dir)).toBe(false)
  })
})

describe('files that cannot lie', () => {
  let front: HostileFront
  beforeAll(async () => {
    front = await HostileFront.start(sandbox.emulator.endpoint)
  })
  afterEach(() => front.clear())
  afterAll(() => front.close())
  const fixture = (name: string) => readFileSync(join(ROOT, '__tests__', 'fixtures', name), 'utf8')

  test('a link at <download-dir>/<CertificateId> is refused, and nothing at its target is touched', async () => {
    const id = certificate({ Status: 1 })
    const dir = freshDir()
    const target = join(dir, '..', 'elsewhere')
    mkdirSync(dir, { recursive: true })
    mkdirSync(target, { mode: 0o755 })
    for (const name of ['privkey.pem', 'certificate.pfx', 'keep.txt'])
      writeFileSync(join(target, name), `theirs ${name}`)
    symlinkSync(target, join(dir, id))
    const result = await runInProcess(issuedInputs(id, dir, { 'pfx-password': 'pw' }))
    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe('ActionError.WriteFailed')
    expect(errorLines(result)[0]).toMatch(/is a symbolic link, which is never followed; nothing in .* was changed/)
    expect(readdirSync(target).sort()).toEqual(['certificate.pfx', 'keep.txt', 'privkey.pem'])
    expect(readFileSync(join(target, 'privkey.pem'), 'utf8')).toBe('theirs privkey.pem')
    expect(modeOf(target)).toBe(0o755)
  })

  test("a ZIP whose leaf is another certificate's is not used in place of the detail's leaf", async () => {
    const id = certificate({ Status: 1, publicKey: 'leaf' })
    const dir = freshDir()
    const other = issue('shop.example.com', [], Date.now() - 400 * 24 * 3600 * 1000)
    const zip = Buffer.from(certificateZip('shop.example.com', other, true)).toString('base64')
    front.on(DOWNLOAD, { kind: 'rewrite', edit: (answer) => ({ ...answer, Content: zip }) })
    const result = await runInProcess({ ...issuedInputs(id, dir), endpoint: front.endpoint })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.ErrorCode).toBe('ActionError.ChainMismatch')
    expect(errorLines(result)[0]).toContain(
      "DownloadCertificate's ZIP holds another certificate than the one DescribeCertificateDetail returned"
    )
    expect(existsSync(join(dir, id))).toBe(false)
  })

  test('an ECDSA intermediate with pfx-password: the PEM files are written, and the PFX gets a note', async () => {
    const id = certificate({ Status: 1, Domain: 'shop.example.com' })
    const dir = freshDir()
    const chain = fixture('ecc-intermediate-chain.pem')
    const key = fixture('ecc-intermediate-leaf.key')
    front.on(
      READ,
      { kind: 'rewrite', edit: (answer) => ({ ...answer, CertificatePublicKey: chain, CertificatePrivateKey: key }) },
      100
    )
    const result = await runInProcess({ ...issuedInputs(id, dir, { 'pfx-password': 'pw' }), endpoint: front.endpoint })
    expect([result.exitCode, errorLines(result)]).toEqual([0, []])
    expect(readdirSync(join(dir, id)).sort()).toEqual(['cert.pem', 'chain.pem', 'fullchain.pem', 'privkey.pem'])
    expect(resultsOf(result.outputs)[0].FilesNote).toContain('certificate.pfx is made for RSA chains only')
  })

  test('pfx-password is used exactly as given, spaces and all', async () => {
    const id = certificate({ Status: 1 })
    const dir = freshDir()
    const password = '  spaced pass  '
    const result = await run(issuedInputs(id, dir, { 'pfx-password': password }))
    expect(result.exitCode).toBe(0)
    const der = forge.util.createBuffer(readFileSync(join(dir, id, 'certificate.pfx')).toString('binary'))
    expect(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), password)).not.toThrow()
    expect(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.copy()), password.trim())).toThrow()
    expect(result.log).toContain(`::add-mask::${password}`)
  })

  test('a download-dir inside the workspace (~/certs, which no shell expands in with:) gets a warning naming the risk', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'workspace-'))
    const id = certificate({ Status: 1 })
    const result = await runInProcess(issuedInputs(id, join(workspace, '~', 'certs')), { GITHUB_WORKSPACE: workspace })
    expect(result.exitCode).toBe(0)
    const warnings = result.log.split('\n').filter((line) => line.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`inside the workspace "${workspace}"`)
    expect(warnings[0]).toMatch(/upload-artifact, cache/)
    const elsewhere = await runInProcess(issuedInputs(certificate({ Status: 1 }), freshDir()), {
      GITHUB_WORKSPACE: workspace
    })
    expect(elsewhere.log).not.toContain('inside the workspace')
  })
})

test('a certificate not issued when the step ends gets no files, says why, and that alone is no failure', async () => {
  const id = certificate()
  const dir = freshDir()
  const result = await runInProcess({ 'certificate-id': id, 'verify-type': 'DNS', 'download-dir': dir })
  expect(result.exitCode).toBe(0)
  expect(existsSync(join(dir, id))).toBe(false)
  expect(resultsOf(result.outputs)[0].FilesNote).toBe(
    'no files: the certificate is not issued (it is in status 0 (Reviewing))'
  )
  expect(result.outputs.FullchainPath).toBe('')
  expect(callsFor(id, DOWNLOAD)).toEqual([])
})

test.each([
  [{ 'pfx-password': 'pw' }, /pfx-password is set, but download-dir is empty/],
  [{ 'download-dir': fileURLToPath(import.meta.url) }, /download-dir ".*files\.e2e\.test\.ts" is a file, not a folder/]
])('a wrong file input is an error before anything is sent: %o', async (inputs, message) => {
  const id = certificate()
  const before = sandbox.emulator.requests.length
  const result = await runInProcess({ 'certificate-id': id, ...inputs })
  expect(result.exitCode).toBe(1)
  expect(result.outputs.ErrorCode).toBe('ActionError.InvalidInput')
  expect(errorLines(result)[0]).toMatch(message)
  expect(sandbox.emulator.requests.length).toBe(before)
})
