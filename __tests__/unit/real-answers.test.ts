// The pure parts of what the real API answers and what a mistake must not do: the bind-resource detail in each
// kind's own shape, validation files only where a CA looks, secrets masked before escaping, the default
// renew-before-days from a certificate's own lifetime.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { boundResources } from '../../src/api/answers/index.js'
import type { DvAuth } from '../../src/api/answers/index.js'
import { placeValidationFiles, tokenShaped, ValidationClaims } from '../../src/steps/validation/publishers/file.js'
import { Secrets } from '../../src/support/secrets.js'
import { defaultBeforeDays } from '../../src/steps/renewal/renewal.js'
import { cleanUpWhenFinal } from '../../src/steps/validation/step.js'
import { detailOf } from '../helpers/unused-api.js'
import { thrownBy } from '../helpers/thrown.js'
import { Failure } from '../../src/api/errors.js'

describe('DescribeCertificateBindResourceTaskDetail in each kind’s own shape', () => {
  const answer = {
    RequestId: 'r',
    Status: 1,
    TCB: [
      {
        Region: 'ap-guangzhou',
        Environments: [
          {
            Environment: { ID: 'env-1', Name: 'shop' },
            AccessService: { InstanceList: [{ Domain: 'api.shop.example.com' }] },
            HostService: { InstanceList: [{ Domain: 'www.shop.example.com' }] }
          }
        ],
        Error: ''
      }
    ],
    TEO: [{ InstanceList: [{ Host: 'edge.example.com', CertId: 'x', ZoneId: 'zone-1' }], TotalCount: 1 }],
    TSE: [{ Region: 'ap-beijing', InstanceList: [{ GatewayId: 'gateway-1', GatewayName: 'gw' }], TotalCount: 1 }],
    APIGATEWAY: [
      { Region: 'ap-shanghai', InstanceList: [{ ServiceId: 'service-1', ServiceName: 'api' }], TotalCount: 1 }
    ],
    CLB: [{ Region: 'ap-hongkong', InstanceList: [], TotalCount: 0, Error: 'no region' }]
  }

  test('TCB environments nest their instances; TEO, TSE and API Gateway are named by Host, GatewayId, ServiceId', () => {
    const parsed = boundResources(answer)
    expect(parsed.Resources).toEqual([
      { ResourceType: 'tcb', Region: 'ap-guangzhou', Name: 'env-1 shop api.shop.example.com www.shop.example.com' },
      { ResourceType: 'teo', Region: '', Name: 'edge.example.com' },
      { ResourceType: 'tse', Region: 'ap-beijing', Name: 'gateway-1 gw' },
      { ResourceType: 'apigateway', Region: 'ap-shanghai', Name: 'service-1 api' }
    ])
  })

  test('what the detail names is server text: a hostile Error or environment name cannot become a workflow command', () => {
    const hostile = boundResources({
      RequestId: 'r',
      TCB: [
        {
          Region: 'ap-guangzhou',
          Environments: [{ Environment: { ID: 'env-1', Name: 'x\n::error::forged ##[stop-commands]' } }],
          Error: 'bad\n::warning::forged'
        }
      ]
    })
    const texts = [...hostile.Errors, ...hostile.Resources.map((r) => r.Name)]
    expect(texts).toHaveLength(2)
    for (const text of texts) expect(text).not.toMatch(/::(error|warning)::|##\[|\n/)
  })

  test("a group's Error and the answer's own Status are read, not taken for an empty kind", () => {
    expect(boundResources(answer)).toMatchObject({ Status: 1, Errors: ['CLB ap-hongkong: no region'] })
    expect(boundResources({ RequestId: 'r', Status: 2 })).toMatchObject({ Status: 2, Errors: [] })
  })
})

describe('validation-dir is written only where a CA looks', () => {
  const record = (path: string, value = 'a1b2c3d4e5f6', name = 'token.txt'): DvAuth => ({
    DvAuthKey: name,
    DvAuthValue: value,
    DvAuthDomain: 'shop.example.com',
    DvAuthSubDomain: '',
    DvAuthPath: path,
    DvAuthVerifyType: 'FILE'
  })
  const site = (): string => mkdtempSync(join(tmpdir(), 'site-'))

  test('a path outside /.well-known/ is refused before anything is written', () => {
    const dir = site()
    const failure = thrownBy(Failure, () => placeValidationFiles(dir, [record('/', 'x', 'index.html')]))
    expect(failure).toMatchObject({ code: 'ActionError.ValidationFileRefused' })
    expect(String(failure)).toContain('is not under /.well-known/')
  })

  test('an existing file is replaced only when it is a validation file', () => {
    const dir = site()
    const folder = join(dir, '.well-known', 'pki-validation')
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'token.txt'), 'old-token\ncomodoca.com\n')
    placeValidationFiles(dir, [record('/.well-known/pki-validation/')])
    expect(readFileSync(join(folder, 'token.txt'), 'utf8')).toBe('a1b2c3d4e5f6')
    writeFileSync(join(folder, 'token.txt'), '<html>the site’s own page</html>')
    const failure = thrownBy(Failure, () => placeValidationFiles(dir, [record('/.well-known/pki-validation/')]))
    expect(failure).toMatchObject({ code: 'ActionError.ValidationFileRefused' })
    expect(readFileSync(join(folder, 'token.txt'), 'utf8')).toBe('<html>the site’s own page</html>')
    expect([tokenShaped('abc\ndef'), tokenShaped('a b'), tokenShaped('x'.repeat(2000))]).toEqual([true, false, false])
  })

  test('two certificates needing one file with different contents: the second is refused, naming both', () => {
    const claims = new ValidationClaims()
    const dir = site()
    claims.claim('certA', dir, [record('/.well-known/pki-validation/', 'one')])
    claims.claim('certA', dir, [record('/.well-known/pki-validation/', 'one')])
    const failure = thrownBy(Failure, () => claims.claim('certB', dir, [record('/.well-known/pki-validation/', 'two')]))
    expect(failure).toMatchObject({ code: 'ActionError.ValidationFileRefused' })
    expect(String(failure)).toMatch(/certificates certA and certB both need .*token\.txt with different contents/)
  })
})

test('secrets are masked in the raw text, before Markdown or JSON escaping could hide them from the runner', () => {
  const told: string[] = []
  const secrets = new Secrets((secret) => told.push(secret))
  secrets.mask('abc_def*1')
  secrets.mask('abc_def*1-longer')
  secrets.mask('')
  expect(told).toEqual(['abc_def*1', 'abc_def*1-longer'])
  expect(secrets.hide('key abc_def*1-longer and abc_def*1')).toBe('key *** and ***')
  expect(secrets.hideIn({ a: ['x abc_def*1'], b: 2 })).toEqual({ a: ['x ***'], b: 2 })
})

test('renew-before-days by default: a third of the lifetime, at most 30 days; 30 when the lifetime is unknown', () => {
  expect(defaultBeforeDays('2029-03-15 00:00:00', '2029-05-01 00:00:00')).toBe(15)
  expect(defaultBeforeDays('2026-03-15 00:00:00', '2026-10-01 00:00:00')).toBe(30)
  expect(defaultBeforeDays('', '2026-10-01 00:00:00')).toBe(30)
})

describe('record publishers clean up once the certificate is final, and only then', () => {
  const record: DvAuth = {
    DvAuthKey: '_dnsauth.shop.example.com',
    DvAuthValue: 'v',
    DvAuthDomain: 'shop.example.com',
    DvAuthSubDomain: '_dnsauth',
    DvAuthPath: '',
    DvAuthVerifyType: 'TXT'
  }
  const publisher = (fail = false) => {
    const cleaned: string[] = []
    return {
      cleaned,
      name: 'a provider',
      present: () => [],
      planned: () => [],
      slice: () => ({}),
      finish: (id: string, _records: unknown, final: boolean) => {
        if (fail) throw new Error('the API refused')
        if (final) cleaned.push(id)
      }
    }
  }
  const flowIn = (Status: number | null) => ({
    id: 'c1',
    detail: detailOf({ CertificateId: 'c1', DvAuths: [record] }),
    result: { CertificateId: 'c1', OrderId: 'o', Status, StatusName: '', RequestId: 'r' }
  })

  test.each([
    [1, ['c1']],
    [2, ['c1']],
    [0, []],
    [4, []],
    [null, []]
  ])('status %s: cleaned up for %j', async (status, expected) => {
    const one = publisher()
    await cleanUpWhenFinal([one], flowIn(status), { warning: () => {} })
    expect(one.cleaned).toEqual(expected)
  })

  test('a failed cleanup is a warning naming the publisher, not a failure', async () => {
    const warnings: string[] = []
    await cleanUpWhenFinal([publisher(true)], flowIn(1), { warning: (line) => warnings.push(line) })
    expect(warnings).toEqual(['Certificate c1: a provider could not clean up its records: the API refused'])
  })
})
