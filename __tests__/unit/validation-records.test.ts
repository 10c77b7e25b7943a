import { describeRecord, recordLocation } from '../../src/api/validation-records.js'

const record = (fields: Partial<Parameters<typeof recordLocation>[0]>) => ({
  DvAuthKey: '',
  DvAuthValue: 'v',
  DvAuthDomain: '',
  DvAuthSubDomain: '',
  DvAuthPath: '',
  DvAuthVerifyType: '',
  ...fields
})

test.each([
  [
    'TXT with its host record',
    {
      DvAuthVerifyType: 'TXT',
      DvAuthDomain: 'example.com',
      DvAuthSubDomain: '_dnsauth',
      DvAuthKey: '_dnsauth.example.com'
    },
    ['TXT', 'example.com', '_dnsauth']
  ],
  [
    'CNAME with only the full name',
    { DvAuthVerifyType: 'CNAME', DvAuthDomain: 'example.com', DvAuthKey: '_abc.www.example.com' },
    ['CNAME', 'example.com', '_abc.www']
  ],
  [
    'FILE with the whole path',
    {
      DvAuthVerifyType: 'FILE',
      DvAuthDomain: 'www.example.com',
      DvAuthPath: '/.well-known/pki-validation/f.txt',
      DvAuthKey: 'f.txt'
    },
    ['FILE', 'www.example.com', '/.well-known/pki-validation/f.txt']
  ],
  [
    'FILE with a folder and the name apart',
    {
      DvAuthVerifyType: 'FILE',
      DvAuthDomain: 'www.example.com',
      DvAuthPath: '/.well-known/pki-validation/',
      DvAuthKey: 'f.txt'
    },
    ['FILE', 'www.example.com', '/.well-known/pki-validation/f.txt']
  ]
])('%s', (_, fields, [type, zone, name]) => {
  expect(recordLocation(record(fields))).toEqual({ type, zone, name, value: 'v' })
})

test('the log line names the zone, the host record, the full name, the type and the value', () => {
  expect(
    describeRecord(record({ DvAuthVerifyType: 'TXT', DvAuthDomain: 'example.com', DvAuthSubDomain: '_dnsauth' }))
  ).toBe('add a TXT record in the DNS zone example.com: host record _dnsauth (full name _dnsauth.example.com), value v')
  expect(describeRecord(record({ DvAuthVerifyType: 'FILE', DvAuthDomain: 'example.com', DvAuthPath: '/x.txt' }))).toBe(
    'serve the file /x.txt on example.com (http or https) containing v'
  )
})
