// `npm run sandbox`: the emulator as a standalone server on 127.0.0.1, seeded for trying the action by hand, with
// `npm run local-action`, or in a workflow that runs `uses: ./`. Runs until interrupted.
import { TencentCloudEmulator } from './emulator.js'

export const SANDBOX_KEY = {
  secretId: 'AKIDsandbox000000000000000000000000',
  secretKey: 'sandbox-secret-key-0000000000000000'
}
export const SANDBOX_ROLE_ARN = 'qcs::cam::uin/100000000001:roleName/sandbox-deploy'

const port = Number(process.env.SANDBOX_PORT ?? 8080)
const emulator = await TencentCloudEmulator.start({ port })
emulator.addKey(SANDBOX_KEY)
// sandbox1 … sandbox9 are pending submission; sandbox1 … sandbox3 are issued on their third read after it.
for (let i = 1; i <= 9; i++)
  emulator.addCertificate({
    CertificateId: `sandbox${i}`,
    Domain: `www${i}.example.com`,
    ...(i <= 3 ? { settleAfterReads: 3 } : {})
  })
// sandboxOld is issued and serves a CDN domain and a load balancer listener: the certificate sandbox1 renews.
emulator.addCertificate({ CertificateId: 'sandboxOld', Domain: 'www1.example.com', Status: 1 })
emulator.bindResource({ certificateId: 'sandboxOld', type: 'cdn', domains: ['cdn.www1.example.com'] })
emulator.bindResource({
  certificateId: 'sandboxOld',
  type: 'clb',
  region: 'ap-guangzhou',
  instanceId: 'lb-sandbox',
  listenerId: 'lbl-sandbox',
  domains: ['www1.example.com']
})
// sandboxBuy is bought and waits for its information (domain); company 11772 has a verified manager, 12895.
emulator.addCertificate({ CertificateId: 'sandboxBuy', informationPending: true, settleAfterReads: 3 })
emulator.addCompany({
  CompanyId: 11772,
  CompanyName: 'Sandbox Shop Ltd',
  managers: [{ ManagerId: 12895, Status: 'ok', ManagerFirstName: 'Ning', ManagerLastName: 'Huang' }]
})
// sandboxLine is issued, expires in 20 days and is renewed by sandboxNext (made by auto-renewal, no information yet).
emulator.addCertificate({ CertificateId: 'sandboxNext', informationPending: true, settleAfterReads: 3 })
emulator.addCertificate({
  CertificateId: 'sandboxLine',
  Domain: 'shop.example.com',
  Status: 1,
  expiresAt: new Date(Date.now() + 20 * 24 * 3600 * 1000),
  renewedBy: { id: 'sandboxNext' }
})
emulator.identity.addProvider({ providerId: 'github', account: '100000000001', audiences: ['sts.tencentcloudapi.com'] })
emulator.identity.addRole({
  roleArn: SANDBOX_ROLE_ARN,
  account: '100000000001',
  providerId: 'github',
  allowedSubjects: ['*']
})

console.log(`Tencent Cloud sandbox listening on ${emulator.endpoint}`)
console.log(`  endpoint:       ${emulator.endpoint}`)
console.log(`  secret-id:      ${SANDBOX_KEY.secretId}`)
console.log(`  secret-key:     ${SANDBOX_KEY.secretKey}`)
console.log('  certificate-id: sandbox1 … sandbox9 (pending submission; 1-3 become issued on the third read)')
console.log('  replace-certificate-id: sandboxOld (issued; serves a cdn domain and a clb listener in ap-guangzhou)')
console.log('  domain:         with certificate-id sandboxBuy (bought; company-id 11772, manager-id 12895 on file)')
console.log('  renew-certificate-id: sandboxLine (expires in 20 days; renewed by sandboxNext, waiting for information)')
console.log(`  role-arn:       ${SANDBOX_ROLE_ARN} (oidc-provider-id: github)`)

const stop = (): void => {
  void emulator.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
