export const id = 320;
export const ids = [320];
export const modules = {

/***/ 16320:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   caDomainOf: () => (/* binding */ caDomainOf),
/* harmony export */   caaWarnings: () => (/* binding */ caaWarnings),
/* harmony export */   relevantCaa: () => (/* binding */ relevantCaa)
/* harmony export */ });
/* harmony import */ var _support_untrusted_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14321);
// CAA (RFC 8659): before an order, the CAA records that govern each name, found by climbing from the name towards the
// root until a name has some; where some exist and none lets the certificate's CA issue, a warning names the record
// to add. Never a failure: the CA decides, and the warning says why it may refuse.

/** The CA's domain in CAA records, by the brand a product's name names ('' when the brand is not known here). */
const CA_DOMAINS = {
    sectigo: 'sectigo.com',
    comodo: 'sectigo.com',
    trustasia: 'trustasia.com',
    digicert: 'digicert.com',
    geotrust: 'digicert.com',
    globalsign: 'globalsign.com',
    wotrus: 'wotrus.com',
    dnspod: 'dnspod.cn',
    letsencrypt: 'letsencrypt.org'
};
/** The CA's domain for a brand, or for a product whose name holds one ("TrustAsia C1 DV Free"): '' when unknown. */
function caDomainOf(brandOrProduct) {
    const name = brandOrProduct.toLowerCase().replace(/[\s-]/g, '');
    const brand = Object.keys(CA_DOMAINS).find((candidate) => name.includes(candidate));
    return brand ? CA_DOMAINS[brand] : '';
}
/** The relevant CAA record set of `name` (RFC 8659 § 3): the first name, climbing, that has any; none: []. */
async function relevantCaa(name, resolveCaa) {
    const labels = name.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '').split('.');
    for (let start = 0; start < labels.length; start++) {
        const at = labels.slice(start).join('.');
        let records = [];
        try {
            records = await resolveCaa(at);
        }
        catch {
            // No CAA records there (or no answer): climb on.
        }
        if (records.length > 0)
            return { at, records };
    }
    return { at: '', records: [] };
}
/** The issuer domain of a CAA value: `ca.example; account=1` → `ca.example`; server text, made inert. */
const issuerOf = (value) => (0,_support_untrusted_js__WEBPACK_IMPORTED_MODULE_0__/* .untrusted */ .bp)(value.split(';')[0].trim().toLowerCase(), 255);
/**
 * A warning for each name whose relevant CAA set does not let `caDomain` issue (issuewild for a wildcard name when
 * the set has one, RFC 8659 § 4.3): the record to add, named; nothing when no CAA record exists.
 */
async function caaWarnings(names, caDomain, resolveCaa) {
    if (!caDomain)
        return [];
    const warnings = [];
    for (const name of names) {
        const { at, records } = await relevantCaa(name, resolveCaa);
        if (records.length === 0)
            continue;
        const wildcard = name.startsWith('*.');
        const tag = wildcard && records.some((record) => record.issuewild !== undefined) ? 'issuewild' : 'issue';
        const allowed = records.map((record) => record[tag]).filter((value) => value !== undefined);
        if (allowed.some((value) => issuerOf(value) === caDomain))
            continue;
        const now = allowed.length > 0
            ? `it lets ${allowed.map((value) => issuerOf(value) || '(no CA)').join(', ')} issue`
            : `it has no ${tag} record`;
        warnings.push(`${name}: the CAA records at ${at} do not let ${caDomain} issue (${now}), so the CA may refuse the certificate: add "${at}. CAA 0 ${tag} \\"${caDomain}\\""`);
    }
    return warnings;
}


/***/ })

};
