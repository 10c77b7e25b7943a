export const id = 566;
export const ids = [566];
export const modules = {

/***/ 25566:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   commandProvider: () => (/* binding */ commandProvider)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _api_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(53249);
/* harmony import */ var _support_untrusted_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(14321);
/* harmony import */ var _codes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(88493);
/* harmony import */ var _provider_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(84010);
// dns-provider: command — the user's own command writes and deletes the records (any CLI, any provider): run with
// `bash -c`, once per record and action, with the record in its environment; exit 0 means done. Its output is shown
// as inert text, and it is bounded by request-timeout.





/** At most this much of a command's output is kept for the log and the failure. */
const MAX_OUTPUT = 8 * 1024;
function run(settings, action, record) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('bash', ['-c', settings.command], {
            env: {
                ...settings.env,
                DNS_ACTION: action,
                DNS_ZONE: record.zone,
                DNS_NAME: record.name,
                DNS_HOST: record.host,
                DNS_TYPE: record.type,
                DNS_VALUE: record.value,
                CERTIFICATE_ID: record.certificateId
            },
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let output = '';
        const keep = (chunk) => {
            if (output.length < MAX_OUTPUT)
                output += chunk.toString('utf8');
        };
        child.stdout.on('data', keep);
        child.stderr.on('data', keep);
        const timer = setTimeout(() => child.kill('SIGKILL'), settings.timeoutMs);
        child.on('error', (error) => {
            clearTimeout(timer);
            reject(failure(record, action, `it could not be started: ${error.message}`));
        });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            const lines = output
                .slice(0, MAX_OUTPUT)
                .split(/\r?\n/)
                .filter((line) => line.trim() !== '');
            for (const line of lines)
                settings.say(`dns-command (${action} ${record.name}): ${(0,_support_untrusted_js__WEBPACK_IMPORTED_MODULE_3__/* .untrusted */ .bp)(line, 500)}`);
            if (code === 0)
                return resolve();
            const why = signal === 'SIGKILL'
                ? `it did not end within ${settings.timeoutMs / 1000} s`
                : `it exited with ${code ?? signal}`;
            const last = lines.length > 0 ? `; its last line: ${(0,_support_untrusted_js__WEBPACK_IMPORTED_MODULE_3__/* .untrusted */ .bp)(lines[lines.length - 1], 300)}` : '';
            reject(failure(record, action, `${why}${last}`));
        });
    });
}
const failure = (record, action, why) => new _api_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .Failure */ .HR({
    code: _codes_js__WEBPACK_IMPORTED_MODULE_2__/* .ValidationCode */ .D.DnsProviderFailed,
    message: `dns-command, to ${action} the ${record.type} record ${record.name}: ${why}`
});
/** The command as a provider: the zone is the CA's (DvAuthDomain); the command decides the rest, and reads nothing. */
function commandProvider(settings) {
    const located = (record) => ({
        ...record,
        zone: record.caZone,
        host: (0,_provider_js__WEBPACK_IMPORTED_MODULE_4__/* .hostIn */ .y)(record.name, record.caZone)
    });
    return {
        name: 'command',
        zoneOf: (record) => Promise.resolve(record.caZone),
        async present(record) {
            await run(settings, 'present', located(record));
            return { state: 'created', ours: true };
        },
        async cleanUp(record) {
            await run(settings, 'cleanup', located(record));
            return 'removed';
        },
        planned: () => Promise.resolve({ would: 'create' }),
        // A command reads nothing: only the records this run wrote are the command's to delete.
        isOurs: () => Promise.resolve(false),
        close: () => { }
    };
}


/***/ })

};
