export const id = 536;
export const ids = [536];
export const modules = {

/***/ 95536:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cloudflareApi: () => (/* binding */ cloudflareApi)
/* harmony export */ });
/* harmony import */ var cloudflare__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87605);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(13199);
/* harmony import */ var _provider_api_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31647);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(94500);
// Cloudflare, through its official SDK (`cloudflare`): zones listed once, records at a name read with name.exact, a
// record created with its comment (the marker) and TTL 60 (the lowest a zone below Enterprise takes), and removed by
// its ID. Authentication: CLOUDFLARE_API_TOKEN, a bearer token (Zone:Read and DNS:Edit on the zones).




/** Cloudflare's lowest TTL outside Enterprise zones. */
const TTL = 60;
const PAGE = 50;
const RECORDS_PAGE = 100;
function failure(error) {
    if (error instanceof cloudflare__WEBPACK_IMPORTED_MODULE_0__/* .APIConnectionError */ .xX || !(error instanceof cloudflare__WEBPACK_IMPORTED_MODULE_0__/* .APIError */ .LG))
        return new _provider_api_js__WEBPACK_IMPORTED_MODULE_2__/* .ProviderError */ .mZ('cloudflare', '', (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(error instanceof Error ? error.message : String(error)), true);
    const first = error.errors?.[0];
    const status = `HTTP ${error.status ?? ''}`;
    const code = typeof first?.code === 'number' || typeof first?.code === 'string' ? String(first.code) : status;
    const message = typeof first?.message === 'string' ? first.message : status;
    const headers = error.headers;
    return new _provider_api_js__WEBPACK_IMPORTED_MODULE_2__/* .ProviderError */ .mZ('cloudflare', (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(code, 40), (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(message), false, (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(headers?.get('cf-ray') ?? '', 64));
}
const calling = (0,_provider_api_js__WEBPACK_IMPORTED_MODULE_2__/* .sayingFailuresAs */ .VP)(failure);
function cloudflareApi(connection, apiToken) {
    const http = new _http_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderHttp */ .y(connection);
    const client = new cloudflare__WEBPACK_IMPORTED_MODULE_0__/* ["default"] */ .Ay({
        apiToken,
        baseURL: `${http.origin}/client/v4`,
        fetch: http.fetch,
        // Every request is made once: a create whose answer is lost is read back by the caller, never sent again blind.
        maxRetries: 0,
        timeout: connection.timeoutMs
    });
    return {
        name: 'cloudflare',
        marks: true,
        zones: () => calling(async () => {
            // Page by page as result_info counts them (the SDK's iterator asks once more for an empty page).
            const zones = [];
            for (let number = 1;; number++) {
                const page = await client.zones.list({ per_page: PAGE, page: number });
                for (const zone of page.result)
                    zones.push({ name: (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(zone.name, 253).toLowerCase(), id: (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(zone.id, 64) });
                if (page.result.length < PAGE ||
                    number >= Number(page.result_info?.total_pages ?? 1))
                    return zones;
            }
        }),
        recordsAt: (zone, name) => calling(async () => {
            // A name holds a few records: one page of a hundred.
            const page = await client.dns.records.list({ zone_id: zone.id, name: { exact: name }, per_page: RECORDS_PAGE });
            const found = [];
            for (const record of page.result)
                found.push({
                    id: (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(record.id, 64),
                    type: (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(record.type, 16),
                    value: unquoted(typeof record.content === 'string' ? record.content : ''),
                    ...(record.comment ? { marker: (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(record.comment, 200) } : {})
                });
            return found;
        }),
        create: (zone, record) => calling(async () => {
            await client.dns.records.create({
                zone_id: zone.id,
                type: record.type,
                name: record.name,
                content: record.value,
                ttl: TTL,
                comment: record.marker
            });
        }),
        remove: (zone, _record, found) => calling(async () => {
            await client.dns.records.delete(found.id, { zone_id: zone.id });
        }),
        close: () => http.close()
    };
}
/** Cloudflare may show a TXT record's content in quotes. */
const unquoted = (content) => (/^".*"$/s.test(content) ? content.slice(1, -1) : content);


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
