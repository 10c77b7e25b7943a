// How the DNS providers' SDKs reach their API: only the configured endpoint (dns-endpoint, or the provider's public
// one), through the proxy the environment names (HTTPS_PROXY, NO_PROXY) as the Tencent Cloud calls do, over
// verified TLS, each request bounded by request-timeout and ended by the job's cancellation. Each SDK takes its
// requests' transport differently: Cloudflare's a fetch, the AWS SDK an agent, Alibaba Cloud's none (see alidns.ts).
import { request as httpRequest, type Agent, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { CallCancellation } from '../api/caller.js'
import { Transport } from '../api/transport.js'
import type { Endpoint, Env } from '../api/terms.js'

export interface ProviderConnection {
  /** The provider API's address: dns-endpoint, or the provider's public one. */
  endpoint: Endpoint
  /** For the proxy variables. */
  env: Env
  /** request-timeout, for one request. */
  timeoutMs: number
  cancellation?: CallCancellation
  /**
   * Grants each request to the provider its turn within the provider's rate limit (one request, one turn), and sends
   * it again after a pause when the provider says it was throttled (`throttled` tells, by the SDK's error): a
   * throttled request was not applied, so sending it again is safe. `first`: it finishes work already begun (the
   * remark of a record just created), so it goes before requests that begin new work.
   */
  pace: <T>(request: () => Promise<T>, throttled: (error: unknown) => boolean, first?: boolean) => Promise<T>
}

/** A 429 answer, held while the request is sent again; the last one is handed to the SDK as it came. */
class ThrottledAnswer extends Error {
  constructor(readonly response: Response) {
    super('throttled')
  }
}

/** A request to anywhere but the endpoint: refused before it is made (an SDK's redirect, a link in an answer). */
export class OffEndpoint extends Error {
  constructor(url: URL, endpoint: Endpoint) {
    super(
      `a request to ${url.protocol}//${url.host} was refused: the provider is reached at ${endpoint.protocol}${endpoint.host} only`
    )
    this.name = 'OffEndpoint'
  }
}

export class ProviderHttp {
  private readonly transport: Transport
  readonly origin: string

  constructor(readonly connection: ProviderConnection) {
    this.transport = new Transport(connection.endpoint, connection.env, connection.timeoutMs)
    this.origin = `${connection.endpoint.protocol}${connection.endpoint.host}`
  }

  /** The agent every request to the endpoint goes through (direct, or tunnelled through the proxy). */
  agent(): Agent {
    return this.transport.shared()
  }

  /** Throws unless `url` is on the endpoint. */
  check(url: URL): void {
    if (`${url.protocol}//${url.host}` !== this.origin) throw new OffEndpoint(url, this.connection.endpoint)
  }

  /** The signal one request ends with: its own bound, the job's cancellation, and the SDK's own signal. */
  signal(own?: AbortSignal | null): AbortSignal {
    const signals = [AbortSignal.timeout(this.connection.timeoutMs)]
    if (this.connection.cancellation) signals.push(this.connection.cancellation.aborting)
    if (own) signals.push(own)
    return AbortSignal.any(signals)
  }

  /** A WHATWG fetch on node's http(s), through the agent, to the endpoint only, redirects never followed. */
  readonly fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
    this.connection
      .pace(
        async () => {
          const response = await this.send(input, init)
          if (response.status === 429) throw new ThrottledAnswer(response)
          return response
        },
        (error) => error instanceof ThrottledAnswer
      )
      .catch((error: unknown) => {
        if (error instanceof ThrottledAnswer) return error.response
        throw error
      })

  private async send(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : String(input))
    this.check(url)
    const headers = Object.fromEntries(new Headers(init?.headers ?? (input instanceof Request ? input.headers : {})))
    const body =
      typeof init?.body === 'string'
        ? init.body
        : init?.body
          ? Buffer.from(await new Response(init.body).arrayBuffer())
          : undefined
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const request = send(url, {
        method: init?.method ?? 'GET',
        headers,
        agent: this.agent(),
        signal: this.signal(init?.signal)
      })
      request.once('response', resolve)
      request.once('error', reject)
      request.end(body)
    })
    const chunks: Buffer[] = []
    for await (const chunk of response) chunks.push(chunk as Buffer)
    const status = response.statusCode ?? 0
    const answer = new Headers()
    for (const [name, value] of Object.entries(response.headers))
      if (value !== undefined) answer.set(name, Array.isArray(value) ? value.join(', ') : value)
    // A redirect is never followed: the SDK sees the 3xx as an error answer.
    return new Response([101, 204, 205, 304].includes(status) ? null : Buffer.concat(chunks), {
      status,
      headers: answer
    })
  }

  close(): void {
    this.transport.close()
  }
}
