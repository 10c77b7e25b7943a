// The cloud resources behind the emulated SSL service, and the switch tasks that move them from an old certificate
// to a new one: UpdateCertificateInstance (which, as the real API does, first answers DeployRecordId 0 while it
// gathers the resources), DescribeHostUpdateRecord and DescribeHostUpdateRecordDetail. Each resource is switched over
// a few polls of its task: pending, running, then switched or failed with its product's message.
import { ApiError, errors } from './api-errors.js'
import { exampleAnswer } from './api-spec.js'
import { answerLike, beijingTime, DEFAULT_ACCOUNT, type CertificateState } from './ssl-service.js'

const RESOURCE_TYPES = new Set([
  'clb',
  'cdn',
  'waf',
  'live',
  'ddos',
  'teo',
  'apigateway',
  'vod',
  'tke',
  'tcb',
  'tse',
  'cos',
  'mqtt',
  'scf',
  'tdmq',
  'gaap'
])
const REGIONAL = new Set(['clb', 'tke', 'apigateway', 'waf', 'tcb', 'tse', 'cos', 'mqtt', 'scf', 'tdmq'])
const MAX_PAGE = 200

/** A resource that serves a certificate: a CDN domain, a load balancer's listener, ... */
export interface EmulatedResource {
  /** The certificate it serves. */
  certificateId: string
  type: string
  /** For the regional kinds. */
  region?: string
  instanceId?: string
  instanceName?: string
  listenerId?: string
  listenerName?: string
  domains?: string[]
  /** The switch fails for this resource, with this message from its product. */
  failWith?: string
  /** Its product has nothing to deploy it to (status 6, "no resource"): done, and it stays bound as it was. */
  nothingToDeploy?: boolean
  account?: string
}

interface TaskItem {
  id: number
  resource: Required<Pick<EmulatedResource, 'type' | 'account'>> & EmulatedResource
  /** 0 pending, 1 switched, 2 failed, 3 running. */
  status: number
  errorMsg: string
}

export interface SwitchTask {
  id: number
  account: string
  oldId: string
  newId: string
  items: TaskItem[]
  polls: number
  createdAt: number
  /** A task started elsewhere finishes at this time, polled or not. */
  finishAt?: number
  /** Or once this many asks for another switch of its old certificate have been refused because of it. */
  refusalsLeft?: number
}

type Lookup = (certificateId: string, account: string) => CertificateState

export class RebindService {
  private readonly resources: TaskItem['resource'][] = []
  readonly tasks: SwitchTask[] = []
  /** (account, old, new) pairs whose resources were gathered: the next call creates the task. */
  private readonly gathered = new Set<string>()
  private nextId = 1000
  /** The polls of a task's detail after which its resources are done (the first makes them run). */
  pollsToFinish = 2
  /** Whether UpdateCertificateInstance first answers 0 while it gathers the resources, as the real API may. */
  gatherFirst = true
  /**
   * What UpdateCertificateInstance answers while a switch of the old certificate to another one runs: the
   * documented refusal, or that task's ID with DeployStatus 0, as the real API has been seen to.
   */
  anotherSwitchAnswer: 'pending-record' | 'its-task' = 'pending-record'
  /**
   * What UpdateCertificateInstance answers when nothing of the kinds is bound: the documented refusal, or a task
   * whose counts are all 0, as real callers have seen.
   */
  nothingBoundAnswer: 'refusal' | 'empty-task' = 'refusal'
  /** Told of each resource the moment its switch succeeds: the TLS hosts standing in for it take the new certificate. */
  onSwitched?: (resource: EmulatedResource, newId: string) => void

  constructor(
    private readonly certificate: Lookup,
    private readonly now: () => number
  ) {}

  bind(resource: EmulatedResource): void {
    this.resources.push({ ...resource, account: resource.account ?? DEFAULT_ACCOUNT })
  }

  /** The resources that serve `certificateId` now. */
  boundTo(certificateId: string, account = DEFAULT_ACCOUNT): TaskItem['resource'][] {
    return this.resources.filter((r) => r.certificateId === certificateId && r.account === account)
  }

  /**
   * A switch already running, as another job or the console would have started it: it finishes after `durationMs`,
   * when its detail has been polled to the end, or (`{ refusals }`) once that many other switches were refused for it.
   */
  startElsewhere(
    oldId: string,
    newId: string,
    ends: number | { refusals: number },
    account = DEFAULT_ACCOUNT
  ): SwitchTask {
    const task = this.create(account, oldId, newId, this.boundTo(oldId, account))
    if (typeof ends === 'number') task.finishAt = this.now() + ends
    else task.refusalsLeft = ends.refusals
    return task
  }

  private create(account: string, oldId: string, newId: string, resources: TaskItem['resource'][]): SwitchTask {
    const task = {
      id: ++this.nextId,
      account,
      oldId,
      newId,
      items: resources.map((resource) => ({ id: ++this.nextId, resource, status: 0, errorMsg: '' })),
      polls: 0,
      createdAt: this.now()
    }
    this.tasks.push(task)
    return task
  }

  private running(task: SwitchTask): boolean {
    if (task.finishAt !== undefined && this.now() >= task.finishAt) this.finish(task)
    return task.items.some((item) => item.status === 0 || item.status === 3)
  }

  updateCertificateInstance(params: Record<string, unknown>, account: string): Record<string, unknown> {
    const oldId = params.OldCertificateId as string
    const old = this.certificate(oldId, account)
    if (typeof params.CertificateId !== 'string') {
      throw new ApiError(
        'InvalidParameter.WithDetailReason',
        'CertificateId is required: the sandbox does not take uploaded certificates.',
        '缺少 CertificateId。'
      )
    }
    const newId = params.CertificateId
    if (this.certificate(newId, account).Status !== 1) {
      throw errors.documented('FailedOperation.CertificateNotAvailable', '新证书未颁发。')
    }
    const types = (params.ResourceTypes as string[]).map((type) => type.toLowerCase())
    if (types.some((type) => !RESOURCE_TYPES.has(type))) {
      throw errors.documented('FailedOperation.CertificateHostResourceTypeInvalid', '资源类型无效。')
    }
    const regions = new Map(
      ((params.ResourceTypesRegions ?? []) as { ResourceType: string; Regions: string[] }[]).map((r) => [
        r.ResourceType,
        r.Regions
      ])
    )
    const unregioned = types.find((type) => REGIONAL.has(type) && !regions.get(type)?.length)
    if (unregioned)
      throw new ApiError(
        'InvalidParameter.WithDetailReason',
        `The regions of ${unregioned} are required.`,
        `${unregioned} 需要地域。`
      )

    const current = this.tasks.find((task) => task.account === account && task.oldId === oldId && this.running(task))
    if (current && current.newId !== newId && this.anotherSwitchAnswer === 'pending-record') {
      if (current.refusalsLeft !== undefined && --current.refusalsLeft <= 0) this.finish(current)
      throw errors.documented('FailedOperation.CertificateDeployHasPendingRecord', '存在进行中的更新任务。')
    }
    if (current)
      return answerLike('UpdateCertificateInstance', {
        DeployRecordId: current.id,
        DeployStatus: 0,
        UpdateSyncProgress: null
      })

    const key = `${account}/${oldId}/${newId}`
    if (this.gatherFirst && !this.gathered.has(key)) {
      this.gathered.add(key)
      const progress = types.map((type) => ({
        ResourceType: type,
        UpdateSyncProgressRegions: (regions.get(type) ?? ['']).map((region) => ({
          Region: region,
          TotalCount: 0,
          OffsetCount: 0,
          Status: 0
        })),
        Status: 0
      }))
      return answerLike('UpdateCertificateInstance', {
        DeployRecordId: 0,
        DeployStatus: 1,
        UpdateSyncProgress: progress
      })
    }
    this.gathered.delete(key)
    const chosen = this.resources.filter(
      (r) =>
        r.account === account &&
        r.certificateId === oldId &&
        types.includes(r.type) &&
        (!REGIONAL.has(r.type) || regions.get(r.type)?.includes(r.region ?? ''))
    )
    if (chosen.length === 0 && this.nothingBoundAnswer === 'empty-task') {
      const task = this.create(account, oldId, newId, [])
      return answerLike('UpdateCertificateInstance', {
        DeployRecordId: task.id,
        DeployStatus: 1,
        UpdateSyncProgress: null
      })
    }
    if (chosen.length === 0) {
      throw errors.documented('FailedOperation.CertificateDeployInstanceEmpty', '证书未关联该类云资源。')
    }
    if (params.ExpiringNotificationSwitch !== undefined)
      old.expiryNotices = Number(params.ExpiringNotificationSwitch) !== 1
    const task = this.create(account, oldId, newId, chosen)
    return answerLike('UpdateCertificateInstance', {
      DeployRecordId: task.id,
      DeployStatus: 1,
      UpdateSyncProgress: null
    })
  }

  describeHostUpdateRecord(params: Record<string, unknown>, account: string): Record<string, unknown> {
    const tasks = this.tasks.filter(
      (t) =>
        t.account === account &&
        (params.OldCertificateId === undefined || t.oldId === params.OldCertificateId) &&
        (params.CertificateId === undefined || t.newId === params.CertificateId)
    )
    const offset = Number(params.Offset ?? 0)
    const limit = Number(params.Limit ?? 10)
    return answerLike('DescribeHostUpdateRecord', {
      TotalCount: tasks.length,
      DeployRecordList: tasks.slice(offset, offset + limit).map((task) => ({
        Id: task.id,
        CertId: task.newId,
        OldCertId: task.oldId,
        ResourceTypes: [...new Set(task.items.map((item) => item.resource.type))],
        Regions: [...new Set(task.items.flatMap((item) => (item.resource.region ? [item.resource.region] : [])))],
        Status: this.running(task) ? 0 : task.items.some((item) => item.status === 2) ? 2 : 1,
        CreateTime: beijingTime(new Date(task.createdAt)),
        UpdateTime: beijingTime(new Date(this.now()))
      }))
    })
  }

  /** Each poll moves the task on: its resources run, then switch over (or fail) at the task's last poll. */
  describeHostUpdateRecordDetail(params: Record<string, unknown>, account: string): Record<string, unknown> {
    const task = this.tasks.find((t) => t.account === account && String(t.id) === String(params.DeployRecordId))
    if (!task) throw errors.documented('FailedOperation.CertificateDeployNotExist', '部署记录不存在。')
    const limit = Number(params.Limit ?? 10)
    const offset = Number(params.Offset ?? 0)
    if (limit > MAX_PAGE) throw errors.invalidParameter(`The parameter \`Limit\` must be at most ${MAX_PAGE}.`)
    this.advance(task)
    const count = (status: number): number => task.items.filter((item) => item.status === status).length
    const page = task.items.slice(offset, offset + limit)
    const [template] = (
      exampleAnswer('DescribeHostUpdateRecordDetail').RecordDetailList as { List: Record<string, unknown>[] }[]
    )[0].List
    const types = [...new Set(page.map((item) => item.resource.type))]
    return answerLike('DescribeHostUpdateRecordDetail', {
      TotalCount: task.items.length,
      SuccessTotalCount: count(1),
      FailedTotalCount: count(2),
      RunningTotalCount: count(3),
      PendingTotalCount: count(0),
      RecordDetailList: types.map((type) => ({
        ResourceType: type,
        TotalCount: task.items.filter((item) => item.resource.type === type).length,
        List: page
          .filter((item) => item.resource.type === type)
          .map(({ id, resource, status, errorMsg }) => ({
            ...template,
            Id: id,
            CertId: task.newId,
            OldCertId: task.oldId,
            Domains: resource.domains ?? [],
            ResourceType: type,
            Region: resource.region ?? '',
            Status: status,
            ErrorMsg: errorMsg,
            CreateTime: new Date(task.createdAt).toISOString(),
            UpdateTime: new Date(this.now()).toISOString(),
            InstanceId: resource.instanceId ?? '',
            InstanceName: resource.instanceName ?? '',
            ListenerId: resource.listenerId ?? '',
            ListenerName: resource.listenerName ?? ''
          }))
      }))
    })
  }

  private advance(task: SwitchTask): void {
    if (!this.running(task)) return
    if (++task.polls < this.pollsToFinish) for (const item of task.items) item.status = 3
    else this.finish(task)
  }

  /** Every resource switched over, or failed with its product's message. */
  private finish(task: SwitchTask): void {
    for (const item of task.items.filter((i) => i.status === 0 || i.status === 3)) {
      if (item.resource.failWith) Object.assign(item, { status: 2, errorMsg: item.resource.failWith })
      else if (item.resource.nothingToDeploy) item.status = 6
      else {
        item.status = 1
        item.resource.certificateId = task.newId
        this.onSwitched?.(item.resource, task.newId)
      }
    }
  }
}
