// What is bound to a certificate, as the SSL service reads it (nothing changes): CreateCertificateBindResourceSyncTask
// makes a task that runs for a poll or two, DescribeCertificateBindResourceTaskResult says how it stands, and
// DescribeCertificateBindResourceTaskDetail lists the resources by kind (CLB, CDN, ...) and region, in pages, from the
// same bindings the switch uses.
import { errors } from './api-errors.js'
import type { EmulatedResource } from './rebind-service.js'
import { answerLike, beijingTime, type CertificateState } from './ssl-service.js'

interface BindTask {
  id: string
  account: string
  certificateId: string
  /** Polls of its result before it is done. */
  pollsLeft: number
}

/** A resource in its kind's own fields, as the detail lists it. */
function item(resource: EmulatedResource): Record<string, unknown> {
  if (resource.type === 'clb') {
    return {
      LoadBalancerId: resource.instanceId ?? '',
      LoadBalancerName: resource.instanceName ?? '',
      Forward: 1,
      Listeners: [
        {
          ListenerId: resource.listenerId ?? '',
          ListenerName: resource.listenerName ?? '',
          SniSwitch: 0,
          Protocol: 'HTTPS',
          Certificate: {
            CertId: resource.certificateId,
            DnsNames: resource.domains ?? [],
            CertCaId: '',
            SSLMode: 'UNIDIRECTIONAL'
          },
          Rules: [],
          NoMatchDomains: []
        }
      ]
    }
  }
  // Each kind in its own fields: TEO by Host, TSE by GatewayId, API Gateway by ServiceId, TCB's environments nested.
  if (resource.type === 'teo')
    return {
      Host: resource.domains?.[0] ?? '',
      CertId: resource.certificateId,
      ZoneId: 'zone-sandbox',
      Status: 'deployed'
    }
  if (resource.type === 'tse')
    return {
      GatewayId: resource.instanceId ?? '',
      GatewayName: resource.instanceName ?? '',
      CertificateList: [{ Id: resource.certificateId, BindDomains: resource.domains ?? [] }]
    }
  if (resource.type === 'apigateway')
    return {
      ServiceId: resource.instanceId ?? '',
      ServiceName: resource.instanceName ?? '',
      Domain: resource.domains?.[0] ?? '',
      CertId: resource.certificateId,
      Protocol: 'https'
    }
  if (resource.type === 'tcb')
    return {
      Environment: {
        ID: resource.instanceId ?? '',
        Name: resource.instanceName ?? '',
        Source: 'qcloud',
        Status: 'NORMAL'
      },
      AccessService: {
        InstanceList: (resource.domains ?? []).map((Domain) => ({ Domain, Status: 'ONLINE' })),
        TotalCount: resource.domains?.length ?? 0
      },
      HostService: { InstanceList: [], TotalCount: 0 }
    }
  if (resource.type === 'cdn' || resource.type === 'waf' || resource.type === 'live')
    return {
      Domain: resource.domains?.[0] ?? '',
      CertId: resource.certificateId,
      Status: 'online',
      HttpsBillingSwitch: 'on'
    }
  return {
    InstanceId: resource.instanceId ?? '',
    InstanceName: resource.instanceName ?? '',
    CertId: resource.certificateId
  }
}

export class BindResourceService {
  private readonly tasks = new Map<string, BindTask>()
  private counter = 0
  /** Polls a new task is running for before it is done. */
  pollsBeforeDone = 1
  /** Kinds (upper case, as the answer names them) whose group answers an Error instead of its resources. */
  failingKinds = new Set<string>()

  constructor(
    private readonly owned: (certificateId: string, account: string) => CertificateState,
    private readonly bound: (certificateId: string, account: string) => EmulatedResource[],
    private readonly now: () => number
  ) {}

  createCertificateBindResourceSyncTask(params: Record<string, unknown>, account: string): Record<string, unknown> {
    const ids = params.CertificateIds as string[]
    if (ids.length > 100) throw errors.invalidParameter('The parameter `CertificateIds` holds at most 100 IDs.')
    return answerLike('CreateCertificateBindResourceSyncTask', {
      CertTaskIds: ids.map((certificateId) => {
        this.owned(certificateId, account)
        const id = String(7_000_000 + ++this.counter)
        this.tasks.set(id, { id, account, certificateId, pollsLeft: this.pollsBeforeDone })
        return { CertId: certificateId, TaskId: id }
      })
    })
  }

  describeCertificateBindResourceTaskResult(params: Record<string, unknown>, account: string): Record<string, unknown> {
    const results = (params.TaskIds as string[]).map((id) => {
      const task = this.task(id, account)
      const done = task.pollsLeft-- <= 0
      const byType = new Map<string, EmulatedResource[]>()
      for (const resource of this.bound(task.certificateId, account))
        byType.set(resource.type, [...(byType.get(resource.type) ?? []), resource])
      return {
        TaskId: id,
        BindResourceResult: [...byType].map(([type, resources]) => ({
          ResourceType: type,
          BindResourceRegionResult: [{ Region: resources[0].region ?? '', TotalCount: resources.length, Error: '' }]
        })),
        Status: done ? 1 : 0,
        Error: null,
        CacheTime: beijingTime(new Date(this.now()))
      }
    })
    return answerLike('DescribeCertificateBindResourceTaskResult', { SyncTaskBindResourceResult: results })
  }

  describeCertificateBindResourceTaskDetail(params: Record<string, unknown>, account: string): Record<string, unknown> {
    const task = this.task(params.TaskId as string, account)
    const limit = Number(params.Limit ?? 10)
    const offset = Number(params.Offset ?? 0)
    if (limit > 100) throw errors.invalidParameter('The parameter `Limit` must be at most 100.')
    const groups = new Map<string, EmulatedResource[]>()
    for (const resource of this.bound(task.certificateId, account)) {
      const key = `${resource.type.toUpperCase()}/${resource.region ?? ''}`
      groups.set(key, [...(groups.get(key) ?? []), resource])
    }
    const answer: Record<string, unknown> = { CacheTime: beijingTime(new Date(this.now())), Status: 1 }
    for (const [key, resources] of groups) {
      const [kind, region] = key.split('/')
      const failing = this.failingKinds.has(kind)
      const listed = failing ? [] : resources.slice(offset, offset + limit).map(item)
      const group = {
        ...(region ? { Region: region } : {}),
        // TCB nests its environments rather than listing instances.
        ...(kind === 'TCB' ? { Environments: listed } : { InstanceList: listed }),
        TotalCount: failing ? 0 : resources.length,
        Error: failing ? 'query timeout' : ''
      }
      answer[kind] = [...((answer[kind] as unknown[] | undefined) ?? []), group]
    }
    return answerLike('DescribeCertificateBindResourceTaskDetail', { ...emptyKinds(), ...answer })
  }

  private task(id: string, account: string): BindTask {
    const task = this.tasks.get(id)
    if (!task || task.account !== account)
      throw errors.documented('FailedOperation.CertificateSyncTaskIdInvalid', '任务 ID 无效。')
    return task
  }
}

/** Every kind the detail documents, empty: the answer names each, bound or not. */
function emptyKinds(): Record<string, unknown> {
  const kinds = [
    'CLB',
    'CDN',
    'WAF',
    'DDOS',
    'LIVE',
    'VOD',
    'TKE',
    'APIGATEWAY',
    'TCB',
    'TEO',
    'TSE',
    'COS',
    'TDMQ',
    'MQTT',
    'GAAP',
    'SCF'
  ]
  return Object.fromEntries(kinds.map((kind) => [kind, []]))
}
