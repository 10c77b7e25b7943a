export const id = 421;
export const ids = [421,647];
export const modules = {

/***/ 31647:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tx: () => (/* binding */ isActionMarker),
/* harmony export */   VP: () => (/* binding */ sayingFailuresAs),
/* harmony export */   fg: () => (/* binding */ sameRecordValue),
/* harmony export */   mZ: () => (/* binding */ ProviderError),
/* harmony export */   we: () => (/* binding */ markerOf)
/* harmony export */ });
// A DNS provider's API as the validation step uses it: the zones the credentials see, the records at one name, and
// one record created or removed. Each provider (cloudflare.ts, alidns.ts, route53.ts, dnspod.ts) speaks its own API
// through its official SDK behind this interface, and knows no step: the rules (what is a conflict, what is this
// action's, what a lost answer means) are the validation step's (steps/validation/dns/records.ts).
/** Whether two values of a record of `type` are the same: a CNAME's target without case or the final dot. */
const sameRecordValue = (type, a, b) => type === 'CNAME' ? a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '') : a === b;
/** The remark that marks a record as this action's, naming the certificate it validates. */
const markerOf = (certificateId) => `tencentcloud-ssl-action ${certificateId}`;
/** Whether a remark is this action's (for any certificate). */
const isActionMarker = (marker) => marker !== undefined && marker.startsWith('tencentcloud-ssl-action ');
/** A provider's refusal or failure, in its own terms: the provider, its code and message (made inert by the caller). */
class ProviderError extends Error {
    provider;
    providerCode;
    noAnswer;
    requestId;
    constructor(provider, 
    /** The provider's error code ('' when none came: no answer). */
    providerCode, message, 
    /** True when no answer came, so the request may or may not have been applied. */
    noAnswer = false, 
    /** The provider's request ID, when it gave one. */
    requestId = '') {
        super(message);
        this.provider = provider;
        this.providerCode = providerCode;
        this.noAnswer = noAnswer;
        this.requestId = requestId;
        this.name = 'ProviderError';
    }
}
/** A provider's calls with its SDK's errors said in the provider's terms (`failure`): one wrapper for every call. */
const sayingFailuresAs = (failure) => async (call) => {
    try {
        return await call();
    }
    catch (error) {
        throw failure(error);
    }
};


/***/ }),

/***/ 84010:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ dnsRecordsOf),
/* harmony export */   y: () => (/* binding */ hostIn)
/* harmony export */ });
/* harmony import */ var _api_validation_records_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(69690);

/** The DNS records among the CA's, with their full name as the CA gives them. */
function dnsRecordsOf(certificateId, records) {
    return records
        .filter((record) => record.DvAuthVerifyType === 'TXT' || record.DvAuthVerifyType === 'CNAME')
        .map((record) => {
        const location = (0,_api_validation_records_js__WEBPACK_IMPORTED_MODULE_0__/* .recordLocation */ .t)(record);
        const name = location.name === '@' ? location.zone : `${location.name}.${location.zone}`;
        return {
            certificateId,
            name: name.toLowerCase().replace(/\.$/, ''),
            caZone: location.zone.toLowerCase().replace(/\.$/, ''),
            type: record.DvAuthVerifyType,
            value: location.value
        };
    });
}
/** The name relative to `zone`: `_dnsauth.www` in `example.com`, `@` for the zone itself. */
const hostIn = (name, zone) => name === zone ? '@' : name.endsWith(`.${zone}`) ? name.slice(0, -(zone.length + 1)) : name;


/***/ }),

/***/ 77647:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MIN_QUERY_INTERVAL_MS: () => (/* binding */ MIN_QUERY_INTERVAL_MS),
/* harmony export */   askNameserver: () => (/* binding */ askNameserver),
/* harmony export */   resolverOf: () => (/* binding */ resolverOf),
/* harmony export */   untilVisible: () => (/* binding */ untilVisible),
/* harmony export */   visibleShare: () => (/* binding */ visibleShare),
/* harmony export */   zoneNameservers: () => (/* binding */ zoneNameservers)
/* harmony export */ });
/* harmony import */ var _api_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(53249);
/* harmony import */ var _dns_provider_api_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(31647);
/* harmony import */ var _support_untrusted_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(14321);
/* harmony import */ var _codes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(88493);




/** A resolver of its own (no cache in between), bounded per question; node:dns is loaded only when DNS is asked. */
async function resolverOf(timeoutMs, tries) {
    const { Resolver } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 71553, 23));
    return new Resolver({ timeout: Math.max(1, Math.round(timeoutMs)), tries });
}
/** At most this many values of a name are kept from one answer: a record set is a few values. */
const MAX_VALUES = 10;
/** The fewest milliseconds between two queries of one nameserver for one record. */
const MIN_QUERY_INTERVAL_MS = 2000;
/** One question to one nameserver (`ip` or `ip:port`): the values it answers for the record's name and type. */
async function askNameserver(nameserver, record, timeoutMs) {
    const resolver = await resolverOf(timeoutMs, 1);
    resolver.setServers([nameserver]);
    try {
        const values = record.type === 'TXT'
            ? (await resolver.resolveTxt(record.name)).map((chunks) => chunks.join(''))
            : await resolver.resolveCname(record.name);
        // What a nameserver sends is server text like any other: made inert, and kept short.
        return { values: values.slice(0, MAX_VALUES).map((value) => (0,_support_untrusted_js__WEBPACK_IMPORTED_MODULE_3__/* .untrusted */ .bp)(value, 255)), reason: '' };
    }
    catch (error) {
        const code = error.code;
        return { values: [], reason: typeof code === 'string' ? code : 'no answer' };
    }
    finally {
        resolver.cancel();
    }
}
/**
 * Asks every nameserver until each answers the record's value; returns their last answers. A nameserver that has
 * shown the value is not asked again. Throws ActionError.DnsNotPropagated, naming each nameserver and what it
 * answered, when the bound passes first.
 */
async function untilVisible(record, nameservers, options) {
    const interval = Math.max(MIN_QUERY_INTERVAL_MS, options.intervalMs ?? MIN_QUERY_INTERVAL_MS);
    const deadline = options.clock.now() + options.timeoutMs;
    const answers = new Map(nameservers.map((nameserver) => [nameserver, { nameserver, answered: [], reason: 'not asked yet', visible: false }]));
    for (;;) {
        const waiting = [...answers.values()].filter((answer) => !answer.visible);
        await Promise.all(waiting.map(async (answer) => {
            const { values, reason } = await askNameserver(answer.nameserver, record, options.queryTimeoutMs);
            answers.set(answer.nameserver, {
                nameserver: answer.nameserver,
                answered: values,
                reason,
                visible: values.some((value) => (0,_dns_provider_api_js__WEBPACK_IMPORTED_MODULE_1__/* .sameRecordValue */ .fg)(record.type, value, record.value))
            });
        }));
        const all = [...answers.values()];
        options.onRound?.(all);
        if (all.every((answer) => answer.visible))
            return all;
        const remainingMs = deadline - options.clock.now();
        if (remainingMs <= 0) {
            const said = all
                .map((answer) => `${answer.nameserver}: ${answer.visible ? 'shows it' : answer.answered.length > 0 ? `answers ${answer.answered.map((v) => JSON.stringify(v)).join(', ')}` : answer.reason || 'no value'}`)
                .join('; ');
            throw new _api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .Failure */ .HR({
                code: _codes_js__WEBPACK_IMPORTED_MODULE_2__/* .ValidationCode */ .D.DnsNotPropagated,
                message: `the ${record.type} record ${record.name} (${JSON.stringify(record.value)}) was not visible at every authoritative nameserver within dns-propagation-timeout (${options.timeoutMs / 1000} s): ${said}`
            });
        }
        await options.clock.sleep(Math.min(interval, remainingMs));
    }
}
/** The visibility of a record in the Results' form: nameservers that answered the value / nameservers asked. */
const visibleShare = (answers) => `${answers.filter((answer) => answer.visible).length}/${answers.length}`;
/**
 * The zone's authoritative nameservers, as `ip:53`: its NS records, each name's addresses, asked of the runner's
 * resolver. None found: ActionError.DnsNotPropagated, saying to set dns-nameservers.
 */
async function zoneNameservers(zone, timeoutMs, servers) {
    const resolver = await resolverOf(timeoutMs, 2);
    if (servers)
        resolver.setServers([...servers]);
    try {
        const names = await resolver.resolveNs(zone).catch(() => []);
        const addresses = await Promise.all(names
            .slice(0, MAX_VALUES)
            .map(async (name) => [
            ...(await resolver.resolve4(name).catch(() => [])),
            ...(await resolver.resolve6(name).catch(() => []))
        ]));
        const found = [...new Set(addresses.flat())].map((address) => address.includes(':') ? `[${address}]:53` : `${address}:53`);
        if (found.length === 0)
            throw new _api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .Failure */ .HR({
                code: _codes_js__WEBPACK_IMPORTED_MODULE_2__/* .ValidationCode */ .D.DnsNotPropagated,
                message: `the authoritative nameservers of ${(0,_support_untrusted_js__WEBPACK_IMPORTED_MODULE_3__/* .untrusted */ .bp)(zone, 253)} could not be found (no NS records, or none with an address, at the runner's resolver): give them in dns-nameservers`
            });
        return found;
    }
    finally {
        resolver.cancel();
    }
}


/***/ }),

/***/ 4421:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DnsPublisher: () => (/* binding */ DnsPublisher)
});

// EXTERNAL MODULE: ./src/api/errors.ts
var errors = __webpack_require__(53249);
// EXTERNAL MODULE: ./src/support/error-message.ts
var error_message = __webpack_require__(19475);
// EXTERNAL MODULE: ./src/steps/validation/codes.ts
var codes = __webpack_require__(88493);
// EXTERNAL MODULE: ./src/steps/validation/dns/provider.ts
var provider = __webpack_require__(84010);
// EXTERNAL MODULE: ./src/steps/validation/dns/visibility.ts
var visibility = __webpack_require__(77647);
// EXTERNAL MODULE: ./src/support/untrusted.ts
var untrusted = __webpack_require__(14321);
// EXTERNAL MODULE: ./src/dns/provider-api.ts
var provider_api = __webpack_require__(31647);
;// CONCATENATED MODULE: ./src/steps/validation/dns/records.ts
// The rules of writing validation records at a provider, the same for every provider: the zone that holds a name
// (the longest the credentials see, the zones read once per job); a record already there with the value is used,
// not written again; a CNAME never goes over other records, nor another CNAME unless it is this action's; a create
// whose answer was lost is read back, never sent twice; a record is removed only when it is this action's
// (its marker names the certificate, or, where the provider keeps no marker, its name and the certificate's own
// value say so). Requests to one name go one at a time (each request is paced by the writer, writer.ts).





/** Each provider's documented rate limit, for all of the action's requests together: requests per window. */
const RATE_LIMITS = {
    // 1,200 requests per 5 minutes for a user.
    cloudflare: { requests: 1200, windowMs: 300_000 },
    // 5 requests per second for an account.
    route53: { requests: 5, windowMs: 1000 },
    // AddDomainRecord and DeleteDomainRecord 60/s; the remark and the domain list are kept below 20/s.
    alidns: { requests: 20, windowMs: 1000 },
    // ModifyRecordRemark and DescribeDomainList 20/s (CreateRecord and DeleteRecord 500/s).
    dnspod: { requests: 20, windowMs: 1000 }
};
/** The failure of a provider's request, for the record it was about: the provider, its code and message, what to do. */
function providerFailure(error, doing) {
    if (!(error instanceof provider_api/* ProviderError */.mZ))
        return error instanceof errors/* Failure */.HR
            ? error
            : new errors/* Failure */.HR({ code: codes/* ValidationCode */.D.DnsProviderFailed, message: `${doing}: ${String(error)}` });
    const code = error.providerCode ? `${error.providerCode}: ` : 'no answer: ';
    const request = error.requestId ? ` (request ${error.requestId})` : '';
    return new errors/* Failure */.HR({
        code: codes/* ValidationCode */.D.DnsProviderFailed,
        message: `${error.provider}, ${doing}, answered ${code}${error.message}${request}`,
        requestId: error.requestId,
        mayHaveTakenEffect: error.noAnswer
    });
}
class ProviderRecords {
    api;
    zones;
    busy = new Map();
    /** How many times the zones were read: once per job. */
    zoneReads = 0;
    constructor(api) {
        this.api = api;
    }
    /** One name at a time: a record set's read and write are never interleaved with another's. */
    async alone(name, work) {
        const before = this.busy.get(name) ?? Promise.resolve();
        const mine = before.catch(() => undefined).then(work);
        this.busy.set(name, mine);
        try {
            return await mine;
        }
        finally {
            if (this.busy.get(name) === mine)
                this.busy.delete(name);
        }
    }
    get name() {
        return this.api.name;
    }
    async zoneOf(record) {
        return (await this.zone(record.name)).name;
    }
    /** The zone that holds `name`: the longest the credentials see. */
    async zone(name) {
        this.zones ??= Promise.resolve()
            .then(() => {
            this.zoneReads++;
            return this.api.zones();
        })
            .catch((error) => {
            this.zones = undefined;
            throw providerFailure(error, 'listing the zones the credentials can see');
        });
        const zones = await this.zones;
        const zone = zones
            .filter((candidate) => name === candidate.name || name.endsWith(`.${candidate.name}`))
            .sort((a, b) => b.name.length - a.name.length)[0];
        if (!zone)
            throw new errors/* Failure */.HR({
                code: codes/* ValidationCode */.D.DnsZoneNotFound,
                message: `${this.api.name} has no zone that holds ${name} among the ${zones.length} its credentials can see${zones.length > 0 && zones.length <= 5 ? ` (${zones.map((z) => z.name).join(', ')})` : ''}`
            });
        return zone;
    }
    read(zone, record) {
        return this.api.recordsAt(zone, record.name).catch((error) => {
            throw providerFailure(error, `reading the records at ${record.name}`);
        });
    }
    ours(found, record) {
        return this.api.marks ? found.marker === (0,provider_api/* markerOf */.we)(record.certificateId) : sameValue(found, record);
    }
    /** What is at the record's name now, and what present would do there. */
    async inspect(record) {
        const zone = await this.zone(record.name);
        const found = await this.read(zone, record);
        const existing = found.find((candidate) => sameValue(candidate, record));
        if (existing)
            return { zone, found, existing };
        const cnames = found.filter((candidate) => candidate.type === 'CNAME');
        const others = found.filter((candidate) => candidate.type !== 'CNAME');
        const replaceable = (candidate) => this.api.marks && (0,provider_api/* isActionMarker */.Tx)(candidate.marker);
        const blocking = record.type === 'CNAME'
            ? [...cnames.filter((candidate) => !replaceable(candidate)), ...others]
            : cnames.filter((candidate) => !replaceable(candidate));
        if (blocking.length === 0)
            return { zone, found };
        const what = blocking
            .slice(0, 3)
            // The provider's values are kept exactly as they are; here they are printed, so made inert.
            .map((candidate) => `${candidate.type} ${(0,untrusted/* untrusted */.bp)(JSON.stringify(candidate.value), 300)}`)
            .join(', ');
        return {
            zone,
            found,
            conflict: `${record.name} already holds ${what}${blocking.length > 3 ? ` and ${blocking.length - 3} more` : ''}, where the ${record.type} record must go; it is not this action's, so it is left as it is`
        };
    }
    async isOurs(record) {
        const { existing } = await this.inspect(record);
        return existing !== undefined && this.ours(existing, record);
    }
    async planned(record) {
        const { existing, conflict } = await this.inspect(record);
        return conflict ? { conflict } : { would: existing ? 'existing' : 'create' };
    }
    /** Writes the record: `existing` when it is there already with the value. */
    present(record) {
        return this.alone(record.name, async () => {
            const { zone, found, existing, conflict } = await this.inspect(record);
            if (existing)
                return { state: 'existing', ours: this.ours(existing, record) };
            if (conflict)
                throw new errors/* Failure */.HR({ code: codes/* ValidationCode */.D.DnsRecordConflict, message: conflict });
            // An earlier certificate's CNAME of this action's, where this one's must go: replaced.
            for (const old of found.filter((candidate) => candidate.type === 'CNAME' && record.type === 'CNAME'))
                await this.api
                    .remove(zone, this.zoneRecord(zone, { ...record, value: old.value }), old, found)
                    .catch((error) => {
                    throw providerFailure(error, `removing its earlier CNAME at ${record.name}`);
                });
            try {
                await this.api.create(zone, this.zoneRecord(zone, record), found.filter((candidate) => candidate.type !== 'CNAME' || record.type !== 'CNAME'));
            }
            catch (error) {
                // The answer may be lost with the record made: read back, never sent again blind.
                const after = await this.read(zone, record);
                const made = after.find((candidate) => sameValue(candidate, record));
                if (!made)
                    throw providerFailure(error, `creating the ${record.type} record ${record.name}`);
                // Made before the answer was lost: marked now if its marker was not set yet, so that a later run knows it.
                if (this.api.marks && made.marker !== (0,provider_api/* markerOf */.we)(record.certificateId) && this.api.mark)
                    await this.api.mark(zone, this.zoneRecord(zone, record), made).catch((failure) => {
                        throw providerFailure(failure, `marking the ${record.type} record ${record.name} as this action's`);
                    });
                return { state: 'created', ours: true };
            }
            return { state: 'created', ours: true };
        });
    }
    /** Removes the record if it is this action's: `absent` when it is gone already, `not-ours` when it is another's. */
    cleanUp(record, createdHere) {
        return this.alone(record.name, async () => {
            const zone = await this.zone(record.name);
            const found = await this.read(zone, record);
            const mine = found.find((candidate) => sameValue(candidate, record));
            if (!mine)
                return 'absent';
            // Made in this run and read back without its marker (the remark call lost): still this run's own.
            if (!this.ours(mine, record) && !(createdHere && mine.marker === undefined))
                return 'not-ours';
            await this.api.remove(zone, this.zoneRecord(zone, record), mine, found).catch((error) => {
                throw providerFailure(error, `deleting the ${record.type} record ${record.name}`);
            });
            return 'removed';
        });
    }
    zoneRecord(zone, record) {
        return {
            name: record.name,
            host: (0,provider/* hostIn */.y)(record.name, zone.name),
            type: record.type,
            value: record.value,
            marker: (0,provider_api/* markerOf */.we)(record.certificateId)
        };
    }
    close() {
        this.api.close();
    }
}
/** The same record: its type and value. */
const sameValue = (found, record) => found.type === record.type && (0,provider_api/* sameRecordValue */.fg)(record.type, found.value, record.value);

// EXTERNAL MODULE: ./src/api/pacing.ts
var api_pacing = __webpack_require__(92606);
;// CONCATENATED MODULE: ./src/steps/validation/dns/writer.ts


/** A request the provider throttled is sent at most this many times in all, pausing a second more each time. */
const THROTTLED_ATTEMPTS = 5;
const THROTTLED_PAUSE_MS = 1000;
async function recordWriter(settings, services, clock, say) {
    // Every request to the provider takes its turn within the provider's documented rate limit; one the provider
    // throttled anyway (another job on the same account) is sent again after a pause, a few times at most.
    const limit = settings.provider === 'command' ? { requests: 1, windowMs: 1000 } : RATE_LIMITS[settings.provider];
    const pacing = new api_pacing/* RateLimiter */.v$(clock, limit.requests, limit.windowMs);
    const connection = {
        pace: async (request, throttled, first = false) => {
            for (let attempt = 1;; attempt++) {
                try {
                    return await pacing.run(settings.provider, request, first);
                }
                catch (error) {
                    if (!throttled(error) || attempt >= THROTTLED_ATTEMPTS)
                        throw error;
                    say(`${settings.provider} throttled a request; sending it again in ${(THROTTLED_PAUSE_MS * attempt) / 1000} s`);
                    await clock.sleep(THROTTLED_PAUSE_MS * attempt);
                }
            }
        },
        endpoint: settings.endpoint,
        env: services.env,
        timeoutMs: settings.requestTimeoutMs,
        ...(services.cancellation ? { cancellation: services.cancellation } : {})
    };
    const credentials = settings.credentials;
    switch (credentials.provider) {
        case 'cloudflare': {
            const { cloudflareApi } = await Promise.all(/* import() */[__webpack_require__.e(605), __webpack_require__.e(536)]).then(__webpack_require__.bind(__webpack_require__, 95536));
            return new ProviderRecords(cloudflareApi(connection, credentials.apiToken));
        }
        case 'alidns': {
            const { alidnsApi } = await Promise.all(/* import() */[__webpack_require__.e(511), __webpack_require__.e(512)]).then(__webpack_require__.bind(__webpack_require__, 22512));
            const { accessKeyId, accessKeySecret, securityToken } = credentials;
            const keys = { accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) };
            return new ProviderRecords(alidnsApi(connection, keys));
        }
        case 'route53': {
            const { route53Api } = await Promise.all(/* import() */[__webpack_require__.e(621), __webpack_require__.e(894)]).then(__webpack_require__.bind(__webpack_require__, 75894));
            return new ProviderRecords(route53Api(connection));
        }
        case 'dnspod': {
            const { dnspodApi } = await __webpack_require__.e(/* import() */ 993).then(__webpack_require__.bind(__webpack_require__, 27993));
            const keys = credentials.keys;
            const signed = keys ? () => Promise.resolve(keys) : services.tencentCredentials;
            if (!signed)
                throw new Error('dns-provider dnspod: no Tencent Cloud credentials to sign with');
            return new ProviderRecords(dnspodApi(connection, signed));
        }
        case 'command': {
            const { commandProvider } = await __webpack_require__.e(/* import() */ 566).then(__webpack_require__.bind(__webpack_require__, 25566));
            return commandProvider({
                command: credentials.command,
                timeoutMs: settings.requestTimeoutMs,
                env: services.env,
                say
            });
        }
    }
}

;// CONCATENATED MODULE: ./src/steps/validation/publishers/dns.ts






const sameRecord = (a, b) => a.name === b.name && a.type === b.type && a.value === b.value;
class DnsPublisher {
    settings;
    job;
    name;
    writer;
    entries = new Map();
    nameservers = new Map();
    constructor(settings, job) {
        this.settings = settings;
        this.job = job;
        this.name = `dns-provider ${settings.provider}`;
    }
    writerOf() {
        this.writer ??= recordWriter(this.settings, this.job.services, this.job.clock, (line) => this.job.log.info(line)).then((writer) => {
            this.job.services.onClose(() => writer.close());
            return writer;
        });
        return this.writer;
    }
    /** The certificate's records at the provider, for its result. */
    results(id) {
        return (this.entries.get(id) ?? []).map((entry) => ({ ...entry.result }));
    }
    slice(id) {
        return this.entries.has(id) ? { DnsRecords: this.results(id) } : {};
    }
    entryOf(id, record, zone) {
        const list = this.entries.get(id) ?? [];
        this.entries.set(id, list);
        let entry = list.find((candidate) => sameRecord(candidate.record, record));
        if (!entry) {
            entry = {
                record,
                ours: false,
                createdHere: false,
                result: {
                    Provider: this.settings.provider,
                    Zone: zone,
                    Name: record.name,
                    Type: record.type,
                    Value: record.value,
                    State: 'existing',
                    Visible: '0/0'
                }
            };
            list.push(entry);
        }
        return entry;
    }
    said(id, entry, state, detail = '') {
        const changed = entry.result.State !== state || state === 'created';
        entry.result.State = state;
        if (changed)
            this.job.log.info(`Certificate ${id}: ${entry.record.type} ${entry.record.name} at ${this.settings.provider} (zone ${entry.result.Zone}): ${state}${detail}`);
    }
    /**
     * Writes the certificate's DNS records and proves each at every authoritative nameserver of its zone. Throws the
     * first failure once every record has had its turn (each record's state is kept either way).
     */
    async present(id, dvAuths) {
        const records = (0,provider/* dnsRecordsOf */.D)(id, dvAuths);
        if (records.length === 0)
            return [];
        const writer = await this.writerOf();
        const written = await Promise.allSettled(records.map(async (record) => {
            const zone = await writer.zoneOf(record);
            const entry = this.entryOf(id, record, zone);
            try {
                const { state, ours } = await writer.present(record);
                entry.ours ||= ours;
                entry.createdHere ||= state === 'created';
                this.said(id, entry, state, state === 'existing' ? (ours ? ' (written by an earlier run)' : ' (already there, left as it is)') : '');
            }
            catch (error) {
                if ((0,errors/* toFailure */.w2)(error).code === codes/* ValidationCode */.D.DnsRecordConflict)
                    this.said(id, entry, 'conflict');
                throw error;
            }
            return entry;
        }));
        const failed = written.find((outcome) => outcome.status === 'rejected');
        if (failed)
            throw failed.reason;
        const entries = written.map((outcome) => outcome.value);
        await Promise.all(entries.map((entry) => this.prove(id, entry)));
        return entries.map((entry) => `${entry.record.type} ${entry.record.name}`);
    }
    nameserversOf(zone) {
        if (this.settings.nameservers)
            return Promise.resolve(this.settings.nameservers);
        let found = this.nameservers.get(zone);
        if (!found) {
            found = (0,visibility.zoneNameservers)(zone, this.settings.requestTimeoutMs);
            found.catch(() => this.nameservers.delete(zone));
            this.nameservers.set(zone, found);
        }
        return found;
    }
    async prove(id, entry) {
        const nameservers = await this.nameserversOf(entry.result.Zone);
        await (0,visibility.untilVisible)(entry.record, nameservers, {
            clock: this.job.clock,
            timeoutMs: this.settings.propagationTimeoutMs,
            queryTimeoutMs: this.settings.requestTimeoutMs,
            // Each round's share is kept, so that a record that never shows everywhere still says how far it got.
            onRound: (round) => (entry.result.Visible = (0,visibility.visibleShare)(round))
        });
        this.job.log.info(`Certificate ${id}: ${entry.record.type} ${entry.record.name} is visible at ${entry.result.Visible} nameservers of ${entry.result.Zone}`);
    }
    /** What a real run would write, from reads alone: the zone of each record, and whether it is there already. */
    async planned(id, dvAuths) {
        const records = (0,provider/* dnsRecordsOf */.D)(id, dvAuths);
        if (records.length === 0)
            return [];
        const writer = await this.writerOf();
        return Promise.all(records.map(async (record) => {
            const zone = await writer.zoneOf(record);
            const plan = await writer.planned(record);
            const where = `${record.type} ${record.name} in the zone ${zone} at ${this.settings.provider}`;
            if ('conflict' in plan)
                return `refuse ${where}: ${plan.conflict}`;
            return plan.would === 'existing' ? `use ${where}, already there` : `create ${where}`;
        }));
    }
    /**
     * Records an earlier run kept (it ended before the certificate was issued): found at the provider by name, value and
     * marker, and taken into this run's entries to be removed. A record that is not this action's is left unseen.
     */
    async findKept(id, dvAuths) {
        const known = this.entries.get(id) ?? [];
        const records = (0,provider/* dnsRecordsOf */.D)(id, dvAuths).filter((record) => !known.some((entry) => sameRecord(entry.record, record)));
        if (records.length === 0)
            return;
        const writer = await this.writerOf();
        await Promise.all(records.map(async (record) => {
            if (!(await writer.isOurs(record)))
                return;
            const entry = this.entryOf(id, record, await writer.zoneOf(record));
            entry.ours = true;
            entry.result.State = 'kept';
        }));
    }
    /**
     * The certificate is issued or has failed for good (`final`), or its run ends before that: this action's records
     * are removed when final (dns-cleanup), else kept for a later run to find. A record that cannot be removed is a
     * warning naming it, never a failure.
     */
    async finish(id, dvAuths, final) {
        if (final && this.settings.cleanup)
            await this.findKept(id, dvAuths);
        const entries = (this.entries.get(id) ?? []).filter((entry) => entry.ours && entry.result.State !== 'removed');
        if (entries.length === 0)
            return;
        if (!final || !this.settings.cleanup) {
            for (const entry of entries)
                this.said(id, entry, 'kept', final ? ' (dns-cleanup: false)' : ' until the certificate is issued or fails for good; a later run removes it');
            return;
        }
        const writer = await this.writerOf();
        await Promise.all(entries.map(async (entry) => {
            try {
                const done = await writer.cleanUp(entry.record, entry.createdHere);
                if (done === 'not-ours')
                    this.said(id, entry, 'existing', " (not this action's: left as it is)");
                else
                    this.said(id, entry, 'removed');
            }
            catch (error) {
                this.said(id, entry, 'kept');
                this.job.log.warning(`Certificate ${id}: the ${entry.record.type} record ${entry.record.name} (${JSON.stringify(entry.record.value)}) at ${this.settings.provider} could not be removed, so it stays: ${(0,error_message/* errorMessage */.g)(error)}; remove it by hand, or a later run removes it`);
            }
        }));
    }
}


/***/ })

};
