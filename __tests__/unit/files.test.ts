// The pure parts of writing a certificate out: PEM clean-up, the checks that a certificate, its chain and its key
// belong together, DownloadCertificate's ZIP, the PKCS#12 file and the atomic writes. Certificates are real: the
// sandbox's CA issues them.
import { createSecureContext } from 'node:tls'
import { X509Certificate } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import forge from 'node-forge'
import { strToU8, zipSync } from 'fflate'
import { checkBundle, covers, type BundleSource } from '../../src/steps/files/bundle.js'
import { bundleFromArchive } from '../../src/steps/files/archive.js'
import { pemBlocks, secretLines } from '../../src/steps/files/pem.js'
import { pkcs12 } from '../../src/steps/files/pkcs12.js'
import { writeFilesAtomically } from '../../src/steps/files/write.js'
import { Failure } from '../../src/api/errors.js'
import { certificate, certificateZip, issue, rsaKey, unrelatedPrivateKey } from '../../sandbox/issuer.js'
import { getPublicSuffix } from 'tldts'
import { thrownBy } from '../helpers/thrown.js'

const issued = issue('shop.example.com', ['www.shop.example.com'], Date.parse('2026-11-01T10:00:00Z'))
const source = (overrides: Partial<BundleSource> = {}): BundleSource => ({
  certificateId: 'cert1',
  domain: 'shop.example.com',
  certificates: [issued.leaf, ...issued.intermediates].join(''),
  privateKey: issued.privateKey,
  requestId: 'req-1',
  ...overrides
})

const failureOf = (check: () => unknown): Failure => thrownBy(Failure, check)
const isPublicSuffix = (name: string): boolean => getPublicSuffix(name, { allowPrivateDomains: true }) === name
/** Within the leaf's year of validity. */
const CONTEXT = { now: Date.parse('2027-01-01T00:00:00Z'), isPublicSuffix }

describe('pemBlocks', () => {
  test('keeps the blocks alone, with LF line endings and a final newline', () => {
    const blocks = pemBlocks(`junk before\r\n${issued.privateKey}\r\ntrailing text`)
    expect(blocks.map((b) => b.label)).toEqual(['RSA PRIVATE KEY'])
    expect(blocks[0].pem).not.toMatch(/\r/)
    expect(blocks[0].pem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n[\s\S]+\n-----END RSA PRIVATE KEY-----\n$/)
    expect(blocks[0].pem.replace(/\n/g, '')).toBe(issued.privateKey.replace(/\r\n/g, ''))
  })

  test('finds every certificate of a chain, and no block whose end does not match its beginning', () => {
    expect(pemBlocks([issued.leaf, ...issued.intermediates].join('\n\n')).length).toBe(2)
    expect(pemBlocks('-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n')).toEqual([])
  })

  test('the secret lines are the base64 lines, without the armour', () => {
    const [block] = pemBlocks(issued.privateKey)
    const lines = secretLines(block)
    expect(lines.length).toBeGreaterThan(20)
    expect(lines.every((line) => /^[A-Za-z0-9+/=]+$/.test(line))).toBe(true)
  })
})

describe('covers', () => {
  test.each([
    ['shop.example.com', 'shop.example.com', true],
    ['shop.example.com', 'SHOP.example.com', true],
    ['*.example.com', 'shop.example.com', true],
    ['*.example.com', 'a.shop.example.com', false],
    ['*.example.com', 'example.com', false],
    ['*.example.com', '*.example.com', true],
    ['shop.example.com', '*.example.com', false],
    ['other.example.com', 'shop.example.com', false]
  ])('%s covers %s: %s', (name, domain, expected) => {
    expect(covers(name, domain)).toBe(expected)
  })
})

describe('checkBundle', () => {
  test('a chain in order with its key: the leaf, the intermediates and the facts read from the leaf', () => {
    const bundle = checkBundle(source(), CONTEXT)
    expect(new X509Certificate(bundle.certificate).subject).toBe('CN=shop.example.com')
    expect(bundle.chain.map((pem) => new X509Certificate(pem).subject)).toEqual(['CN=Sandbox DV TLS RSA CA 2025'])
    expect(bundle.privateKey).toBe(pemBlocks(issued.privateKey)[0].pem)
    expect(bundle.keyEncrypted).toBe(false)
    expect(bundle.facts).toEqual({
      NotBefore: '2026-11-01T10:00:00Z',
      NotAfter: '2027-11-01T10:00:00Z',
      Fingerprint: new X509Certificate(issued.leaf).fingerprint256.replace(/:/g, ''),
      SubjectAltNames: ['shop.example.com', 'www.shop.example.com']
    })
    expect(bundle.facts.Fingerprint).toMatch(/^[0-9A-F]{64}$/)
  })

  test('a root at the end of the chain is left out: servers do not send it', () => {
    const bundle = checkBundle(
      source({ certificates: [issued.leaf, ...issued.intermediates, issued.root].join('') }),
      CONTEXT
    )
    expect(bundle.chain.length).toBe(1)
  })

  test('without a key there is none to write, and that is not a failure', () => {
    expect(checkBundle(source({ privateKey: '' }), CONTEXT).privateKey).toBeUndefined()
  })

  test.each([
    [
      'no certificate at all',
      { certificates: 'not a certificate' },
      'ActionError.CertificateUnreadable',
      /no PEM certificate/
    ],
    [
      'a certificate that does not parse',
      { certificates: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' },
      'ActionError.CertificateUnreadable',
      /does not parse/
    ],
    [
      'the chain out of order',
      { certificates: [issued.intermediates[0], issued.leaf].join('') },
      'ActionError.ChainMismatch',
      /not in order/
    ],
    [
      'the leaf alone',
      { certificates: issued.leaf },
      'ActionError.ChainMismatch',
      /leaf only: its issuer "CN=Sandbox DV TLS RSA CA 2025" is missing/
    ],
    [
      'another domain',
      { domain: 'other.example.org' },
      'ActionError.NameMismatch',
      /shop\.example\.com, www\.shop\.example\.com.*other\.example\.org/
    ],
    [
      'the key of another certificate',
      { privateKey: unrelatedPrivateKey() },
      'ActionError.KeyMismatch',
      /not the certificate's/
    ],
    ['a key that is not PEM', { privateKey: 'garbage' }, 'ActionError.CertificateUnreadable', /not PEM/]
  ])('%s is refused with its own code and the RequestId', (_, overrides, code, message) => {
    const failure = failureOf(() => checkBundle(source(overrides), CONTEXT))
    expect([failure.code, failure.requestId, failure.mayHaveTakenEffect]).toEqual([code, 'req-1', false])
    expect(failure.message).toMatch(message)
  })

  test('a lone self-signed certificate, though it names the domain, is not one a CA issued', () => {
    const key = rsaKey()
    const pem = certificate('shop.example.com', undefined, key, {
      ca: false,
      names: ['shop.example.com'],
      notBefore: new Date('2026-11-01'),
      days: 365
    })
    const failure = failureOf(() => checkBundle(source({ certificates: pem, privateKey: '' }), CONTEXT))
    expect([failure.code, failure.message]).toEqual([
      'ActionError.SelfSignedCertificate',
      expect.stringMatching(/lone self-signed certificate \("CN=shop\.example\.com"\)/)
    ])
  })

  test.each([
    ['expired', Date.parse('2028-01-01T00:00:00Z'), /expired on 2027-11-01T10:00:00Z/],
    ['not valid yet', Date.parse('2026-10-01T00:00:00Z'), /is not valid until 2026-11-01T10:00:00Z/]
  ])('a leaf %s is refused', (_, now, message) => {
    const failure = failureOf(() => checkBundle(source(), { ...CONTEXT, now }))
    expect([failure.code, failure.message]).toEqual([
      'ActionError.CertificateNotValidNow',
      expect.stringMatching(message)
    ])
  })

  test.each([
    ['*.com', 'example.com'],
    ['*.co.uk', 'shop.co.uk'],
    ['*.github.io', 'me.github.io']
  ])('a leaf that covers the domain only with %s, a wildcard over a public suffix, is refused', (wildcard, domain) => {
    const leaf = issue(wildcard, [], Date.parse('2026-11-01T10:00:00Z'))
    const failure = failureOf(() =>
      checkBundle(source({ domain, certificates: [leaf.leaf, ...leaf.intermediates].join('') }), CONTEXT)
    )
    expect([failure.code, failure.message]).toEqual([
      'ActionError.PublicSuffixWildcard',
      expect.stringContaining(`only with ${wildcard}`)
    ])
  })

  test('a wildcard over a registrable domain is fine', () => {
    const leaf = issue('*.example.com', [], Date.parse('2026-11-01T10:00:00Z'))
    const bundle = checkBundle(
      source({ domain: 'shop.example.com', certificates: [leaf.leaf, ...leaf.intermediates].join('') }),
      CONTEXT
    )
    expect(bundle.facts.SubjectAltNames).toEqual(['*.example.com'])
  })

  test("a leaf whose signature is not its issuer's is refused, although the names line up", () => {
    // checkIssued compares names only: the signature check is what catches this.
    const tampered = forge.pki.certificateFromPem(issued.leaf)
    tampered.signature = forge.pki.certificateFromPem(issue('other.example.com', [], Date.now()).leaf).signature
    const failure = failureOf(() =>
      checkBundle(source({ certificates: forge.pki.certificateToPem(tampered) + issued.intermediates[0] }), CONTEXT)
    )
    expect([failure.code, failure.message]).toEqual([
      'ActionError.ChainMismatch',
      expect.stringMatching(/is not issued by the next one/)
    ])
  })

  test('an encrypted key is kept as given, and said to be unchecked', () => {
    const encrypted = forge.pki.encryptRsaPrivateKey(forge.pki.privateKeyFromPem(issued.privateKey), 'secret', {
      algorithm: 'aes256'
    })
    const bundle = checkBundle(source({ privateKey: encrypted }), CONTEXT)
    expect(bundle.keyEncrypted).toBe(true)
    expect(bundle.privateKey).toMatch(/ENCRYPTED PRIVATE KEY/)
  })
})

describe('bundleFromArchive', () => {
  test("reads the nginx folder of Tencent Cloud's ZIP: the leaf with its intermediates, and the key", async () => {
    const archived = await bundleFromArchive(certificateZip('shop.example.com', issued, true))
    expect(pemBlocks(archived.certificates).map((b) => new X509Certificate(b.pem).subject)).toEqual([
      'CN=shop.example.com',
      'CN=Sandbox DV TLS RSA CA 2025'
    ])
    expect(pemBlocks(archived.privateKey)[0].label).toBe('RSA PRIVATE KEY')
  })

  test('without a key in the ZIP there is none', async () => {
    expect((await bundleFromArchive(certificateZip('shop.example.com', issued, false))).privateKey).toBe('')
  })

  test('files are found by extension, not by name; without an nginx folder, the file with the longest chain', async () => {
    const zip = zipSync({
      'misc/leaf.PEM': strToU8(issued.leaf),
      'misc/full.crt': strToU8([issued.leaf, ...issued.intermediates].join('')),
      'misc/server.KEY': strToU8(issued.privateKey),
      'misc/readme.txt': strToU8('-----BEGIN CERTIFICATE-----')
    })
    const archived = await bundleFromArchive(zip)
    expect(pemBlocks(archived.certificates).length).toBe(2)
    expect(archived.privateKey).toBe(issued.privateKey)
  })

  test('what is not a ZIP, or far too big a one, is refused; oversized files are not unpacked', async () => {
    await expect(bundleFromArchive(strToU8('not a zip'))).rejects.toThrow()
    const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`f${i}.txt`, strToU8('x')]))
    await expect(bundleFromArchive(zipSync(many))).rejects.toThrow(/more than 200 files/)
    const huge = zipSync({ 'nginx/big.crt': new Uint8Array(300 * 1024).fill(65) })
    expect((await bundleFromArchive(huge)).certificates).toBe('')
  })
})

describe('pkcs12', () => {
  const bundle = checkBundle(source(), CONTEXT)

  test('opens with its password and holds the key and the full chain', async () => {
    const pfx = await pkcs12({ ...bundle, privateKey: bundle.privateKey! }, 'correct horse', 'cert1')
    expect(Buffer.isBuffer(pfx)).toBe(true)
    const der = pfx as Buffer
    // OpenSSL (through Node's TLS) reads it as a server would.
    expect(() => createSecureContext({ pfx: der, passphrase: 'correct horse' })).not.toThrow()
    expect(() => createSecureContext({ pfx: der, passphrase: 'wrong' })).toThrow(/mac verify failure/)
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString('binary')), 'correct horse')
    const certs = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []
    const keys = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []
    expect(certs.map((bag) => (bag.cert!.subject.getField('CN') as { value: string }).value)).toEqual([
      'shop.example.com',
      'Sandbox DV TLS RSA CA 2025'
    ])
    expect(keys.length).toBe(1)
    expect(forge.pki.privateKeyToPem(keys[0].key!).replace(/\r/g, '')).toBe(
      forge.pki.privateKeyToPem(forge.pki.privateKeyFromPem(bundle.privateKey!)).replace(/\r/g, '')
    )
  })

  test('a key forge cannot pack gives the reason instead of a file', async () => {
    expect(
      await pkcs12(
        { ...bundle, privateKey: '-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n' },
        'pw',
        'cert1'
      )
    ).toEqual({
      notMade: expect.stringMatching(/RSA keys only/)
    })
  })
})

describe('writeFilesAtomically', () => {
  const fresh = (): string => join(mkdtempSync(join(tmpdir(), 'files-')), 'cert1')

  test('the folder is 0700, the key 0600, and no temporary file is left', () => {
    const dir = fresh()
    const paths = writeFilesAtomically(
      dir,
      [
        { name: 'cert.pem', content: 'C', mode: 0o644 },
        { name: 'privkey.pem', content: 'K', mode: 0o600 }
      ],
      []
    )
    expect(paths).toEqual([join(dir, 'cert.pem'), join(dir, 'privkey.pem')])
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dir, 'privkey.pem')).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(dir, 'privkey.pem'), 'utf8')).toBe('K')
    expect(readdirSync(dir).sort()).toEqual(['cert.pem', 'privkey.pem'])
  })

  test('replaces a link at a file name rather than writing through it, and removes what the new set does not have', () => {
    const dir = fresh()
    writeFilesAtomically(dir, [{ name: 'certificate.pfx', content: 'old', mode: 0o600 }], [])
    const elsewhere = join(dir, '..', 'elsewhere.txt')
    writeFileSync(elsewhere, 'untouched')
    symlinkSync(elsewhere, join(dir, 'cert.pem'))
    writeFilesAtomically(dir, [{ name: 'cert.pem', content: 'new', mode: 0o644 }], ['certificate.pfx'])
    expect(lstatSync(join(dir, 'cert.pem')).isSymbolicLink()).toBe(false)
    expect(readFileSync(join(dir, 'cert.pem'), 'utf8')).toBe('new')
    expect(readFileSync(elsewhere, 'utf8')).toBe('untouched')
    expect(existsSync(join(dir, 'certificate.pfx'))).toBe(false)
    expect(() => readlinkSync(join(dir, 'cert.pem'))).toThrow()
  })

  test('a link at the certificate folder is refused, and nothing at its target is touched', () => {
    const dir = fresh()
    const target = join(dir, '..', 'target')
    mkdirSync(target)
    writeFileSync(join(target, 'privkey.pem'), 'theirs', { mode: 0o640 })
    symlinkSync(target, dir)
    expect(() => writeFilesAtomically(dir, [{ name: 'cert.pem', content: 'C', mode: 0o644 }], ['privkey.pem'])).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('is a symbolic link, which is never followed'),
        onDisk: `nothing in ${dir} was changed`
      })
    )
    expect(readdirSync(target)).toEqual(['privkey.pem'])
    expect(readFileSync(join(target, 'privkey.pem'), 'utf8')).toBe('theirs')
    expect(statSync(target).mode & 0o777).not.toBe(0o700)
  })

  test('a folder standing at a file name is refused before anything changes', () => {
    const dir = fresh()
    writeFilesAtomically(dir, [{ name: 'cert.pem', content: 'old', mode: 0o644 }], [])
    mkdirSync(join(dir, 'chain.pem'))
    const files = [
      { name: 'cert.pem', content: 'new', mode: 0o644 },
      { name: 'chain.pem', content: 'new', mode: 0o644 }
    ]
    expect(() => writeFilesAtomically(dir, files, [])).toThrow(
      expect.objectContaining({ message: expect.stringContaining('chain.pem in') })
    )
    expect(readFileSync(join(dir, 'cert.pem'), 'utf8')).toBe('old')
    expect(readdirSync(dir).sort()).toEqual(['cert.pem', 'chain.pem'])
  })

  test('a rename that fails half way puts the previous set back, whole, and says so', () => {
    const dir = fresh()
    const names = ['cert.pem', 'chain.pem', 'fullchain.pem', 'privkey.pem']
    writeFilesAtomically(
      dir,
      names.map((name) => ({ name, content: `old ${name}`, mode: 0o600 })),
      []
    )
    let renames = 0
    const failing = (from: string, to: string): void => {
      if (++renames === 4) throw new Error(`EIO: i/o error, rename '${from}'`)
      renameSync(from, to)
    }
    const write = () =>
      writeFilesAtomically(
        dir,
        names.map((name) => ({ name, content: `new ${name}`, mode: 0o600 })),
        [],
        failing
      )
    expect(write).toThrow(expect.objectContaining({ onDisk: `the files in ${dir} are the previous set, as they were` }))
    for (const name of names) expect(readFileSync(join(dir, name), 'utf8')).toBe(`old ${name}`)
    expect(readdirSync(dir).sort()).toEqual(names)
  })
})
