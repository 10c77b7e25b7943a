// `npm run demo`: runs the built action end to end against the loopback emulator and prints what a workflow
// would see: the outputs, the job summary and, for the failing run, the error.
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TencentCloudEmulator } from './emulator.js'
import { DnsSandbox } from './dns-sandbox.js'
import { runAction, type ActionRun } from './run-action.js'
import { sandboxTrust, TlsHosts } from './tls-hosts.js'

const DEMO_KEY = { secretId: 'AKIDdemo0000000000000000000000000000', secretKey: 'demo-secret-key-000000000000000000' }

function show(title: string, run: ActionRun): void {
  console.log(`\n=== ${title} (exit code ${run.exitCode}) ===`)
  console.log('--- outputs ---')
  for (const [name, value] of Object.entries(run.outputs)) console.log(`${name}=${value}`)
  console.log('--- job summary ---')
  console.log(run.summary.trim())
  const errors = run.log.split('\n').filter((line) => line.startsWith('::error'))
  if (errors.length > 0) console.log('--- error ---\n' + errors.join('\n'))
}

// The DNS side: authoritative nameservers on loopback and Cloudflare's API beside them (each write seen 1 s later).
const dns = await DnsSandbox.start({ propagationMs: 1000 })
const emulator = await TencentCloudEmulator.start({ dns: dns.dns })
// The switched resources' stand-in: a loopback TLS host that serves each domain its certificate by SNI.
const hosts = await TlsHosts.start()
try {
  emulator.addKey(DEMO_KEY)
  emulator.addCertificate({
    CertificateId: 'demoDNS1',
    Domain: 'www.example.com',
    statusAfterSubmit: 4,
    settleAfterReads: 3
  })
  emulator.addCertificate({
    CertificateId: 'demoLOST',
    Domain: 'api.example.com',
    statusAfterSubmit: 0,
    settleAfterReads: 3
  })
  emulator.addCertificate({ CertificateId: 'demoKYC1', Domain: 'shop.example.com' })
  // Bought in the console a minute ago: status 5, no information yet.
  emulator.addCertificate({ CertificateId: 'demoBUY1', informationPending: true, settleAfterReads: 2 })
  emulator.addCompany({
    CompanyId: 11772,
    CompanyName: 'Example Shop Ltd',
    managers: [{ ManagerId: 12895, Status: 'ok', ManagerFirstName: 'Ning', ManagerLastName: 'Huang' }]
  })
  const common = { endpoint: emulator.endpoint, 'secret-id': DEMO_KEY.secretId, 'secret-key': DEMO_KEY.secretKey }

  show(
    '1. Submit with DNS verification: the records to create are in DvAuths',
    await runAction({ ...common, 'certificate-id': 'demoDNS1', 'verify-type': 'dns' })
  )

  emulator.injectFault({ action: 'CommitCertificateInformation', fault: { type: 'reset', applied: true } })
  const lost = await runAction({ ...common, 'certificate-id': 'demoLOST', 'verify-type': 'DNS_AUTO' })
  show('2. The answer is lost after the order went through: reconciled, not submitted twice', lost)
  console.log(`(the sandbox applied ${emulator.certificate('demoLOST').submissions} submission for demoLOST)`)

  emulator.injectFault({
    action: 'CommitCertificateInformation',
    fault: { type: 'error', code: 'FailedOperation.NoRealNameAuth' }
  })
  show(
    '3. Tencent Cloud refuses: the job fails with the code, RequestId and what to do',
    await runAction({ ...common, 'certificate-id': 'demoKYC1' })
  )

  const before = emulator.certificate('demoBUY1').Status
  const boughtRun = await runAction({
    ...common,
    'certificate-id': 'demoBUY1',
    domain: 'shop.example.com',
    'other-domains': 'www.shop.example.com',
    'company-id': '11772',
    'manager-id': '12895',
    'key-algorithm': 'ECC-P256',
    information: 'TechEmail: ops@example.com',
    'verify-type': 'DNS_AUTO',
    'wait-for-issuance': 'true',
    'wait-interval': '0.5'
  })
  show('4. A bought certificate: its information, its order and its issuance, in one step', boughtRun)
  const bought = emulator.certificate('demoBUY1')
  console.log(
    `(demoBUY1 went from status ${before} to ${bought.Status}: ${bought.informationSubmissions} CertificateInfoSubmit ` +
      `for ${bought.Domain}, then ${bought.submissions} order)`
  )

  const downloadDir = join(mkdtempSync(join(tmpdir(), 'demo-')), 'certificates')
  const rerun = {
    'certificate-id': 'demoDNS1, demoLOST',
    'skip-submitted': 'true',
    'wait-for-issuance': 'true',
    'wait-interval': '0.5',
    'download-dir': downloadDir
  }
  show(
    '5. A re-run of both: already submitted, so skipped, waited for until issued, and written to download-dir',
    await runAction({ ...common, ...rerun })
  )
  for (const id of readdirSync(downloadDir))
    console.log(`(${join(downloadDir, id)}: ${readdirSync(join(downloadDir, id)).join(', ')})`)

  // The CA looks for this one's record at the sandbox's nameservers: it passes only once they all answer it.
  emulator.addCertificate({ CertificateId: 'demoCF01', Domain: 'blog.example.com', validation: { records: 'at-dns' } })
  const cloudflare = await runAction(
    {
      ...common,
      'certificate-id': 'demoCF01',
      'verify-type': 'DNS',
      'wait-for-issuance': 'true',
      'wait-interval': '0.5',
      ...dns.inputsFor('cloudflare', emulator.endpoint)
    },
    dns.envFor('cloudflare')
  )
  show(
    '6. DNS validation at Cloudflare: the record written, seen at every nameserver, the CA asked, issued, cleaned up',
    cloudflare
  )
  console.log('--- the record, step by step (from the log) ---')
  for (const line of cloudflare.log
    .split('\n')
    .filter((line) => /_dnsauth\.blog|CompleteCertificate\)|issued/.test(line)))
    console.log(line)
  const written = dns.dns.records.filter((record) => record.name === '_dnsauth.blog.example.com')
  console.log(
    `(Cloudflare's zone held the TXT record ${written.length === 1 ? 'once' : `${written.length} times`}; it is ${written.every((record) => record.removedAt !== undefined) ? 'gone now' : 'still there'})`
  )

  // A renewal's switch: the CDN domain serves the old certificate, and takes the new one 2 s after the task said done.
  emulator.addCertificate({ CertificateId: 'demoOLD1', Status: 1, Domain: 'cdn.example.com' })
  emulator.addCertificate({ CertificateId: 'demoNEW1', Status: 1, Domain: 'cdn.example.com' })
  emulator.bindResource({ certificateId: 'demoOLD1', type: 'cdn', domains: ['cdn.example.com'] })
  hosts.follow(emulator, { 'cdn.example.com': 'demoOLD1' }, { delayMs: 2000 })
  const served = await runAction(
    {
      ...common,
      'certificate-id': 'demoNEW1',
      'skip-submitted': 'true',
      'replace-certificate-id': 'demoOLD1',
      'resource-types': 'cdn',
      'wait-interval': '0.5',
      'verify-hosts': 'switched',
      // The sandbox's edge is on loopback: the connection goes there, SNI and the name check stay cdn.example.com's.
      'verify-connect-to': `cdn.example.com:443:127.0.0.1:${hosts.port}`
    },
    // The runner trusts the sandbox's CA as it would a company's.
    { NODE_EXTRA_CA_CERTS: sandboxTrust().file }
  )
  show('7. A switch followed until the host serves the new certificate, read over TLS', served)
  console.log('--- the host, step by step (from the log) ---')
  for (const line of served.log
    .split('\n')
    .filter((line) => /cdn\.example\.com (old|serving|other)|task \d+ done/.test(line)))
    console.log(line)
} finally {
  await emulator.close()
  await dns.close()
  await hosts.close()
}
