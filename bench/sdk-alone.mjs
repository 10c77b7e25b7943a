// The baseline for the benchmark: the same single call the action makes, with the SDK alone and nothing else.
import { Client } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ssl/v20191205/ssl_client.js'

const endpoint = new URL(process.env.BENCH_ENDPOINT)
const client = new Client({
  credential: { secretId: process.env.BENCH_SECRET_ID, secretKey: process.env.BENCH_SECRET_KEY },
  profile: { httpProfile: { endpoint: endpoint.host, protocol: `${endpoint.protocol}//` } }
})
const answer = await client.CommitCertificateInformation({
  CertificateId: process.env.BENCH_CERTIFICATE_ID,
  VerifyType: 'DNS_AUTO'
})
console.log(answer.OrderId)
