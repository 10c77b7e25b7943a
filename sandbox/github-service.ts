// GitHub's issues API on loopback, for the alert issue: list a repository's issues (open, by label, paged with a Link
// header, pull requests among them as GitHub returns them), create one (labels created as GitHub does for a token that
// can push), comment, and close. A token is checked as GitHub does (`Authorization: token …` or `Bearer …`): a wrong
// one is 401 "Bad credentials", one without issues: write is 403 "Resource not accessible by integration". Over
// https too (the sandbox's TLS identity), and every request is logged for the tests.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { servedIdentity } from './tls-hosts.js'
import { sandboxTlsIdentity } from './tls.js'

export interface EmulatedIssue {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  state_reason: string | null
  labels: string[]
  comments: string[]
  /** A pull request: the issues list returns them too. */
  pull_request?: boolean
}

export interface GitHubRequest {
  method: string
  path: string
  body: Record<string, unknown> | undefined
}

export class GitHubEmulator {
  readonly issues: EmulatedIssue[] = []
  readonly requests: GitHubRequest[] = []
  /** Tokens and whether each may write issues. */
  readonly tokens = new Map<string, { write: boolean }>()
  /** The next requests of this method fail with this status and message (GitHub's error body). */
  failNext: { method: string; status: number; message: string }[] = []
  /** The next requests of these methods take effect, then the connection is cut before the answer (a lost answer). */
  loseNext: string[] = []
  private readonly sockets = new Set<Socket>()
  private nextNumber = 1

  private constructor(
    private readonly server: Server,
    readonly owner: string,
    readonly repo: string,
    readonly tls: boolean,
    private readonly hostname: string
  ) {}

  /**
   * `hostname` names the API as a GitHub Enterprise server would be (its https certificate is issued for that name by
   * the sandbox's CA): a client then reaches it only through a proxy that resolves the name to loopback.
   */
  static async start(
    options: { tls?: boolean; owner?: string; repo?: string; hostname?: string } = {}
  ): Promise<GitHubEmulator> {
    const identity = options.hostname ? servedIdentity([options.hostname]) : sandboxTlsIdentity()
    const server = options.tls ? createHttpsServer({ key: identity.key, cert: identity.cert }) : createHttpServer()
    const emulator = new GitHubEmulator(
      server,
      options.owner ?? 'octo-org',
      options.repo ?? 'shop',
      options.tls === true,
      options.hostname ?? '127.0.0.1'
    )
    server.on('request', (request: IncomingMessage, response: ServerResponse) => emulator.handle(request, response))
    server.on('connection', (socket: Socket) => {
      emulator.sockets.add(socket)
      socket.on('close', () => emulator.sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return emulator
  }

  /** GITHUB_API_URL for the action. */
  get url(): string {
    return `${this.tls ? 'https' : 'http'}://${this.hostname}:${this.port}`
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  /** The runner's variables that name the repository, the API and the run. */
  env(runId = '4242'): Record<string, string> {
    return {
      GITHUB_API_URL: this.url,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_REPOSITORY: `${this.owner}/${this.repo}`,
      GITHUB_RUN_ID: runId
    }
  }

  /** An issue as someone (or an earlier run) opened it. */
  open(issue: Partial<EmulatedIssue> & Pick<EmulatedIssue, 'title' | 'body'>): EmulatedIssue {
    const created: EmulatedIssue = {
      number: this.nextNumber++,
      state: 'open',
      state_reason: null,
      labels: [],
      comments: [],
      ...issue
    }
    this.issues.push(created)
    return created
  }

  /** The requests that changed something. */
  writes(): GitHubRequest[] {
    return this.requests.filter((r) => r.method !== 'GET')
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private view(issue: EmulatedIssue) {
    return {
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.state_reason,
      labels: issue.labels.map((name) => ({ name })),
      html_url: `https://github.example/${this.owner}/${this.repo}/issues/${issue.number}`,
      user: { login: 'github-actions[bot]' },
      ...(issue.pull_request ? { pull_request: { url: 'https://api.github.example/pulls/1' } } : {})
    }
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    let raw = ''
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost')
      let body: Record<string, unknown> | undefined
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined
      } catch {
        return this.send(response, 400, { message: 'Problems parsing JSON' })
      }
      const method = request.method ?? 'GET'
      this.requests.push({ method, path: url.pathname + url.search, body })
      const auth = /^(?:token|Bearer) (.+)$/i.exec(request.headers.authorization ?? '')?.[1]
      const token = auth ? this.tokens.get(auth) : undefined
      if (!token) return this.send(response, 401, { message: 'Bad credentials' })
      const fault = this.failNext.findIndex((f) => f.method === method)
      if (fault >= 0) {
        const [{ status, message }] = this.failNext.splice(fault, 1)
        return this.send(response, status, { message })
      }
      const base = `/repos/${this.owner}/${this.repo}/issues`
      // GitHub Enterprise serves the same API under /api/v3.
      const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '')
      if (!path.startsWith(base)) return this.send(response, 404, { message: 'Not Found' })
      if (method !== 'GET' && !token.write)
        return this.send(response, 403, { message: 'Resource not accessible by integration' })
      if (method === 'GET' && path === base) return this.list(url, response)
      if (method === 'POST' && path === base) {
        const labels = (body?.labels as string[] | undefined) ?? []
        const issue = this.open({ title: text(body?.title), body: text(body?.body), labels })
        return this.send(response, 201, this.view(issue))
      }
      const match = /^\/(\d+)(\/comments)?$/.exec(path.slice(base.length))
      const issue = match ? this.issues.find((i) => i.number === Number(match[1])) : undefined
      if (!issue) return this.send(response, 404, { message: 'Not Found' })
      if (method === 'POST' && match![2]) {
        issue.comments.push(text(body?.body))
        return this.send(response, 201, { id: issue.comments.length, body: body?.body })
      }
      if (method === 'PATCH' && !match![2]) {
        if (body?.state === 'closed' || body?.state === 'open') issue.state = body.state
        if (typeof body?.state_reason === 'string') issue.state_reason = body.state_reason
        return this.send(response, 200, this.view(issue))
      }
      this.send(response, 404, { message: 'Not Found' })
    })
  }

  private list(url: URL, response: ServerResponse): void {
    const state = url.searchParams.get('state') ?? 'open'
    const labels = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean)
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100)
    const page = Number(url.searchParams.get('page') ?? 1)
    const matching = this.issues
      .filter((issue) => state === 'all' || issue.state === state)
      .filter((issue) => labels.every((label) => issue.labels.includes(label)))
      .sort((a, b) => b.number - a.number)
    const slice = matching.slice((page - 1) * perPage, page * perPage)
    const headers: Record<string, string> = {}
    if (page * perPage < matching.length) {
      const next = new URL(url.toString())
      next.searchParams.set('page', String(page + 1))
      headers.link = `<${this.url}${next.pathname}${next.search}>; rel="next"`
    }
    this.send(
      response,
      200,
      slice.map((issue) => this.view(issue)),
      headers
    )
  }

  private send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const lost = this.loseNext.indexOf(response.req.method ?? '')
    if (lost >= 0 && status < 300) {
      this.loseNext.splice(lost, 1)
      response.socket?.destroy()
      return
    }
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    response.end(JSON.stringify(body))
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')
