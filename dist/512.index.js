export const id = 512;
export const ids = [512];
export const modules = {

/***/ 22512:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   alidnsApi: () => (/* binding */ alidnsApi)
/* harmony export */ });
/* harmony import */ var _alicloud_alidns20150109__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2511);
/* harmony import */ var _alicloud_alidns20150109__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(_alicloud_alidns20150109__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _alicloud_openapi_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(69764);
/* harmony import */ var _alicloud_openapi_core__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(_alicloud_openapi_core__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var httpx__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(66584);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(13199);
/* harmony import */ var _provider_api_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(31647);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(94500);
// Alibaba Cloud DNS, through its official SDK (@alicloud/alidns20150109, signed ACS3-HMAC-SHA256): domains listed
// once, the records at a name read (DescribeSubDomainRecords), a record added with TTL 600 (the lowest outside the
// paid editions) and then marked with UpdateDomainRecordRemark, the provider's own call for a remark, and deleted by
// its ID. Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and
// ALIBABA_CLOUD_SECURITY_TOKEN), passed to the client explicitly so that the SDK never looks elsewhere.







const AlidnsClient = (_alicloud_alidns20150109__WEBPACK_IMPORTED_MODULE_0___default()["default"]) ?? (_alicloud_alidns20150109__WEBPACK_IMPORTED_MODULE_0___default());
const TTL = 600;
const PAGE = 100;
// The SDK takes proxy settings in its Config but its HTTP core (@darabonba/typescript's doAction) never uses them: it
// hands every request to httpx with no agent. So httpx's request is routed, once, through the agent registered for
// the request's origin (the connection's own, through the proxy), and a request to any other origin is refused.
const routes = new Map();
let routed = false;
function route(http) {
    routes.set(http.origin, http);
    if (routed)
        return;
    routed = true;
    const request = httpx__WEBPACK_IMPORTED_MODULE_2__.request.bind(httpx__WEBPACK_IMPORTED_MODULE_2__);
    httpx__WEBPACK_IMPORTED_MODULE_2__.request = (url, options) => {
        const target = new URL(String(url));
        const through = routes.get(`${target.protocol}//${target.host}`);
        if (!through)
            throw new Error(`a request to ${target.protocol}//${target.host} was refused: not a configured DNS endpoint`);
        return request(url, { ...options, agent: through.agent() });
    };
}
function failure(error) {
    const fields = (typeof error === 'object' && error !== null ? error : {});
    if (typeof fields.statusCode === 'number' && typeof fields.code === 'string')
        return new _provider_api_js__WEBPACK_IMPORTED_MODULE_4__/* .ProviderError */ .mZ('alidns', (0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .providerText */ .x)(fields.code, 80), (0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .providerText */ .x)(fields.data?.Message ?? fields.message), false, (0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .providerText */ .x)(fields.data?.RequestId ?? '', 64));
    return new _provider_api_js__WEBPACK_IMPORTED_MODULE_4__/* .ProviderError */ .mZ('alidns', '', (0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .providerText */ .x)(fields.message ?? String(error)), true);
}
/** Alibaba Cloud says Throttling, Throttling.User or Throttling.Api. */
const throttled = (error) => {
    const code = typeof error === 'object' && error !== null ? error.code : undefined;
    return typeof code === 'string' && code.startsWith('Throttling');
};
const calling = (0,_provider_api_js__WEBPACK_IMPORTED_MODULE_4__/* .sayingFailuresAs */ .VP)(failure);
function alidnsApi(connection, credentials) {
    const http = new _http_js__WEBPACK_IMPORTED_MODULE_3__/* .ProviderHttp */ .y(connection);
    route(http);
    const paced = (request, first = false) => connection.pace(request, throttled, first);
    const client = new AlidnsClient(new _alicloud_openapi_core__WEBPACK_IMPORTED_MODULE_1__.$OpenApiUtil.Config({
        ...credentials,
        endpoint: connection.endpoint.host,
        protocol: connection.endpoint.protocol.replace('://', ''),
        readTimeout: connection.timeoutMs,
        connectTimeout: connection.timeoutMs
    }));
    return {
        name: 'alidns',
        marks: true,
        zones: () => calling(async () => {
            const zones = [];
            for (let page = 1;; page++) {
                const answer = await paced(() => client.describeDomains(new _alicloud_alidns20150109__WEBPACK_IMPORTED_MODULE_0__.DescribeDomainsRequest({ pageNumber: page, pageSize: PAGE })));
                const domains = answer.body?.domains?.domain ?? [];
                for (const domain of domains)
                    zones.push({
                        name: (0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .providerText */ .x)(domain.domainName, 253).toLowerCase(),
                        id: (0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .providerText */ .x)(domain.domainId, 64)
                    });
                if (domains.length < PAGE || zones.length >= Number(answer.body?.totalCount ?? 0))
                    return zones;
            }
        }),
        recordsAt: (zone, name) => calling(async () => {
            const answer = await paced(() => client.describeSubDomainRecords(new _alicloud_alidns20150109__WEBPACK_IMPORTED_MODULE_0__.DescribeSubDomainRecordsRequest({ subDomain: name, domainName: zone.name, pageSize: PAGE })));
            return (answer.body?.domainRecords?.record ?? []).map((record) => ({
                id: (0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .providerText */ .x)(record.recordId, 64),
                type: (0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .providerText */ .x)(record.type, 16),
                value: record.value ?? '',
                ...(record.remark ? { marker: (0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .providerText */ .x)(record.remark, 200) } : {})
            }));
        }),
        create: (zone, record) => calling(async () => {
            const answer = await paced(() => client.addDomainRecord(new _alicloud_alidns20150109__WEBPACK_IMPORTED_MODULE_0__.AddDomainRecordRequest({
                domainName: zone.name,
                RR: record.host,
                type: record.type,
                value: record.value,
                TTL
            })));
            const recordId = answer.body?.recordId ?? '';
            // The record is made: its remark goes before requests that begin new work.
            await paced(() => client.updateDomainRecordRemark(new _alicloud_alidns20150109__WEBPACK_IMPORTED_MODULE_0__.UpdateDomainRecordRemarkRequest({ recordId, remark: record.marker })), true);
        }),
        mark: (_zone, record, found) => calling(async () => {
            await paced(() => client.updateDomainRecordRemark(new _alicloud_alidns20150109__WEBPACK_IMPORTED_MODULE_0__.UpdateDomainRecordRemarkRequest({ recordId: found.id, remark: record.marker })), true);
        }),
        remove: (_zone, _record, found) => calling(async () => {
            await paced(() => client.deleteDomainRecord(new _alicloud_alidns20150109__WEBPACK_IMPORTED_MODULE_0__.DeleteDomainRecordRequest({ recordId: found.id })));
        }),
        close: () => {
            routes.delete(http.origin);
            http.close();
        }
    };
}


/***/ }),

/***/ 13199:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ ProviderHttp)
/* harmony export */ });
/* unused harmony export OffEndpoint */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _api_transport_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(53841);
// How the DNS providers' SDKs reach their API: only the configured endpoint (dns-endpoint, or the provider's public
// one), through the proxy the environment names (HTTPS_PROXY, NO_PROXY) as the Tencent Cloud calls do, over
// verified TLS, each request bounded by request-timeout and ended by the job's cancellation. Each SDK takes its
// requests' transport differently: Cloudflare's a fetch, the AWS SDK an agent, Alibaba Cloud's none (see alidns.ts).



/** A 429 answer, held while the request is sent again; the last one is handed to the SDK as it came. */
class ThrottledAnswer extends Error {
    response;
    constructor(response) {
        super('throttled');
        this.response = response;
    }
}
/** A request to anywhere but the endpoint: refused before it is made (an SDK's redirect, a link in an answer). */
class OffEndpoint extends Error {
    constructor(url, endpoint) {
        super(`a request to ${url.protocol}//${url.host} was refused: the provider is reached at ${endpoint.protocol}${endpoint.host} only`);
        this.name = 'OffEndpoint';
    }
}
class ProviderHttp {
    connection;
    transport;
    origin;
    constructor(connection) {
        this.connection = connection;
        this.transport = new _api_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .Transport */ .o(connection.endpoint, connection.env, connection.timeoutMs);
        this.origin = `${connection.endpoint.protocol}${connection.endpoint.host}`;
    }
    /** The agent every request to the endpoint goes through (direct, or tunnelled through the proxy). */
    agent() {
        return this.transport.shared();
    }
    /** Throws unless `url` is on the endpoint. */
    check(url) {
        if (`${url.protocol}//${url.host}` !== this.origin)
            throw new OffEndpoint(url, this.connection.endpoint);
    }
    /** The signal one request ends with: its own bound, the job's cancellation, and the SDK's own signal. */
    signal(own) {
        const signals = [AbortSignal.timeout(this.connection.timeoutMs)];
        if (this.connection.cancellation)
            signals.push(this.connection.cancellation.aborting);
        if (own)
            signals.push(own);
        return AbortSignal.any(signals);
    }
    /** A WHATWG fetch on node's http(s), through the agent, to the endpoint only, redirects never followed. */
    fetch = (input, init) => this.connection
        .pace(async () => {
        const response = await this.send(input, init);
        if (response.status === 429)
            throw new ThrottledAnswer(response);
        return response;
    }, (error) => error instanceof ThrottledAnswer)
        .catch((error) => {
        if (error instanceof ThrottledAnswer)
            return error.response;
        throw error;
    });
    async send(input, init) {
        const url = new URL(input instanceof Request ? input.url : String(input));
        this.check(url);
        const headers = Object.fromEntries(new Headers(init?.headers ?? (input instanceof Request ? input.headers : {})));
        const body = typeof init?.body === 'string'
            ? init.body
            : init?.body
                ? Buffer.from(await new Response(init.body).arrayBuffer())
                : undefined;
        const send = url.protocol === 'https:' ? node_https__WEBPACK_IMPORTED_MODULE_1__.request : node_http__WEBPACK_IMPORTED_MODULE_0__.request;
        const response = await new Promise((resolve, reject) => {
            const request = send(url, {
                method: init?.method ?? 'GET',
                headers,
                agent: this.agent(),
                signal: this.signal(init?.signal)
            });
            request.once('response', resolve);
            request.once('error', reject);
            request.end(body);
        });
        const chunks = [];
        for await (const chunk of response)
            chunks.push(chunk);
        const status = response.statusCode ?? 0;
        const answer = new Headers();
        for (const [name, value] of Object.entries(response.headers))
            if (value !== undefined)
                answer.set(name, Array.isArray(value) ? value.join(', ') : value);
        // A redirect is never followed: the SDK sees the 3xx as an error answer.
        return new Response([101, 204, 205, 304].includes(status) ? null : Buffer.concat(chunks), {
            status,
            headers: answer
        });
    }
    close() {
        this.transport.close();
    }
}


/***/ }),

/***/ 94500:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ providerText)
/* harmony export */ });
/* harmony import */ var _support_untrusted_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14321);
// A provider's answer is server text like Tencent Cloud's: made inert (no workflow command, no control character)
// and kept short before it reaches the log, a result or the summary.

const providerText = (value, maxLength = 500) => (0,_support_untrusted_js__WEBPACK_IMPORTED_MODULE_0__/* .untrusted */ .bp)(typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '', maxLength);


/***/ })

};
