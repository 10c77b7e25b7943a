export const id = 647;
export const ids = [647];
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


/***/ })

};
