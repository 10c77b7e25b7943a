export const id = 894;
export const ids = [894];
export const modules = {

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

/***/ 75894:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   route53Api: () => (/* binding */ route53Api)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_route_53__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8621);
/* harmony import */ var _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(61279);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(13199);
/* harmony import */ var _provider_api_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(31647);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(94500);
// Route 53, through the official AWS SDK (@aws-sdk/client-route-53): hosted zones listed once, the record sets at a
// name read, and one value added to (or taken from) its set with UPSERT, never replacing the values others put there;
// a set left empty is deleted with its exact last state. Route 53 keeps no comment on a record, so a record is known
// by its name and value (the CA's value is this certificate's own). Credentials: the AWS SDK's default chain
// (AWS_ACCESS_KEY_ID…, a web identity token from configure-aws-credentials, a profile). TTL 60.





const TTL = 60;
/** Route 53 answers at most 300 record sets a page; a name holds a few. */
const MAX_SETS = 10;
function failure(error) {
    if (error instanceof _aws_sdk_client_route_53__WEBPACK_IMPORTED_MODULE_2__/* .Route53ServiceException */ .MMk)
        return new _provider_api_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderError */ .mZ('route53', (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(error.name, 60), (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(error.message), false, (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(error.$metadata.requestId ?? '', 64));
    return new _provider_api_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderError */ .mZ('route53', '', (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(error instanceof Error ? error.message : String(error)), true);
}
/** Route 53 says Throttling (or PriorRequestNotComplete for a change made too soon after another). */
const throttled = (error) => error instanceof _aws_sdk_client_route_53__WEBPACK_IMPORTED_MODULE_2__/* .Route53ServiceException */ .MMk &&
    (error.name === 'Throttling' || error.name === 'PriorRequestNotComplete' || error.$metadata.httpStatusCode === 429);
const calling = (0,_provider_api_js__WEBPACK_IMPORTED_MODULE_1__/* .sayingFailuresAs */ .VP)(failure);
const fqdn = (name) => `${name}.`;
const bare = (name) => name.toLowerCase().replace(/\.$/, '').replace(/\\052/g, '*');
/** TXT values are strings in quotes; long ones are split into several. */
const txtValue = (value) => `"${value.replace(/(["\\])/g, '\\$1')}"`;
/** A record set in Route 53's terms: TXT values in quotes. */
const setOf = (record, values, ttl) => ({
    Name: fqdn(record.name),
    Type: record.type,
    TTL: ttl,
    ResourceRecords: values.map((value) => ({ Value: record.type === 'TXT' ? txtValue(value) : value }))
});
const fromTxt = (value) => [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(([, part]) => part.replace(/\\(.)/g, '$1')).join('') || value;
function route53Api(connection) {
    const http = new _http_js__WEBPACK_IMPORTED_MODULE_0__/* .ProviderHttp */ .y(connection);
    const client = new _aws_sdk_client_route_53__WEBPACK_IMPORTED_MODULE_2__/* .Route53Client */ .LhC({
        region: 'us-east-1',
        endpoint: http.origin,
        // Every request is made once: a change whose answer is lost is read back by the caller, never sent again blind.
        maxAttempts: 1,
        requestHandler: new _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_4__.NodeHttpHandler({
            httpAgent: http.agent(),
            httpsAgent: http.agent(),
            requestTimeout: connection.timeoutMs,
            connectionTimeout: connection.timeoutMs
        })
    });
    // One request, one turn within Route 53's rate limit.
    const send = ((command) => connection.pace(() => client.send(command, { abortSignal: http.signal() }), throttled));
    const change = (zone, action, set, why) => send(new _aws_sdk_client_route_53__WEBPACK_IMPORTED_MODULE_2__/* .ChangeResourceRecordSetsCommand */ .yzn({
        HostedZoneId: zone.id,
        ChangeBatch: { Comment: why, Changes: [{ Action: action, ResourceRecordSet: set }] }
    }));
    return {
        name: 'route53',
        marks: false,
        zones: () => calling(async () => {
            const zones = [];
            let marker;
            do {
                const page = await send(new _aws_sdk_client_route_53__WEBPACK_IMPORTED_MODULE_2__/* .ListHostedZonesCommand */ .cUV({ ...(marker ? { Marker: marker } : {}) }));
                for (const zone of page.HostedZones ?? [])
                    // A private zone is not what the CA sees.
                    if (!zone.Config?.PrivateZone)
                        zones.push({
                            name: bare((0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(zone.Name, 253)),
                            id: (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(zone.Id, 64).replace(/^\/hostedzone\//, '')
                        });
                marker = page.IsTruncated ? page.NextMarker : undefined;
            } while (marker);
            return zones;
        }),
        recordsAt: (zone, name) => calling(async () => {
            const answer = await send(new _aws_sdk_client_route_53__WEBPACK_IMPORTED_MODULE_2__/* .ListResourceRecordSetsCommand */ .IOz({ HostedZoneId: zone.id, StartRecordName: fqdn(name), MaxItems: MAX_SETS }));
            const found = [];
            for (const set of answer.ResourceRecordSets ?? []) {
                if (bare(set.Name ?? '') !== name)
                    continue;
                const type = (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(set.Type, 16);
                for (const record of set.ResourceRecords ?? [])
                    found.push({
                        id: '',
                        type,
                        ...(set.TTL !== undefined ? { ttl: set.TTL } : {}),
                        value: type === 'TXT' ? fromTxt(record.Value ?? '') : bare(record.Value ?? '')
                    });
                if (set.AliasTarget)
                    found.push({ id: '', type, value: `alias ${(0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .providerText */ .x)(set.AliasTarget.DNSName, 253)}` });
            }
            return found;
        }),
        // The set is written whole, from the values read at the name just before (the writer reads and writes one
        // name at a time): this action's value added to the others, or taken out of them.
        create: (zone, record, present) => calling(async () => {
            const set = present.filter((found) => found.type === record.type);
            const values = [...set.map((found) => found.value), record.value];
            await change(zone, 'UPSERT', setOf(record, values, set[0]?.ttl ?? TTL), record.marker);
        }),
        remove: (zone, record, _found, present) => calling(async () => {
            const set = present.filter((found) => found.type === record.type);
            const others = set
                .filter((found) => !(0,_provider_api_js__WEBPACK_IMPORTED_MODULE_1__/* .sameRecordValue */ .fg)(record.type, found.value, record.value))
                .map((found) => found.value);
            if (others.length === set.length)
                return;
            const ttl = set[0]?.ttl ?? TTL;
            if (others.length > 0)
                await change(zone, 'UPSERT', setOf(record, others, ttl), record.marker);
            else
                await change(zone, 'DELETE', setOf(record, set.map((found) => found.value), ttl), `${record.marker}: no longer needed`);
        }),
        close: () => {
            client.destroy();
            http.close();
        }
    };
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
