export const id = 726;
export const ids = [726];
export const modules = {

/***/ 63726:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CsrProblem: () => (/* binding */ CsrProblem),
/* harmony export */   readCsr: () => (/* binding */ readCsr)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _peculiar_asn1_schema__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(47261);
/* harmony import */ var _peculiar_asn1_schema__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(_peculiar_asn1_schema__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _peculiar_asn1_csr__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(66474);
/* harmony import */ var _peculiar_asn1_csr__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(_peculiar_asn1_csr__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _peculiar_asn1_x509__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(33594);
/* harmony import */ var _peculiar_asn1_x509__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(_peculiar_asn1_x509__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _support_formats_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(64887);
// The user's own certificate signing request (the csr input), read with PeculiarVentures' ASN.1 schemas and its
// signature checked with node:crypto: what Tencent Cloud would send to the CA, known before anything is sent.





/** Why a CSR is refused: a sentence for the input error (never the CSR's text itself). */
class CsrProblem extends Error {
}
const PEM_CSR = /-----BEGIN (NEW )?CERTIFICATE REQUEST-----([A-Za-z0-9+/=\s]+)-----END (NEW )?CERTIFICATE REQUEST-----/;
const OID_COMMON_NAME = '2.5.4.3';
const OID_EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
// The subject's attributes a log line names, by OID.
const SUBJECT_NAMES = {
    '2.5.4.3': 'CN',
    '2.5.4.6': 'C',
    '2.5.4.7': 'L',
    '2.5.4.8': 'ST',
    '2.5.4.10': 'O',
    '2.5.4.11': 'OU'
};
// The signature algorithms a CSR is signed with, and their hashes: PKCS#1 v1.5 RSA and ECDSA.
const SIGNATURE_HASHES = {
    '1.2.840.113549.1.1.11': 'sha256',
    '1.2.840.113549.1.1.12': 'sha384',
    '1.2.840.113549.1.1.13': 'sha512',
    '1.2.840.10045.4.3.2': 'sha256',
    '1.2.840.10045.4.3.3': 'sha384',
    '1.2.840.10045.4.3.4': 'sha512'
};
const CURVES = { prime256v1: 'P-256', secp384r1: 'P-384' };
const MIN_RSA_BITS = 2048;
/**
 * Reads and checks a CSR: PEM of a PKCS#10 request, whose signature holds with its own key, an RSA key of at least
 * 2048 bits or an EC key on P-256 or P-384, and a common name. Throws a CsrProblem saying what is wrong.
 */
function readCsr(text) {
    if (_support_formats_js__WEBPACK_IMPORTED_MODULE_4__/* .PRIVATE_KEY_PEM */ .tW.test(text))
        throw new CsrProblem('holds a private key, not a certificate signing request; the key is never sent');
    const block = PEM_CSR.exec(text);
    if (!block)
        throw new CsrProblem('is not a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----)');
    let request;
    try {
        request = _peculiar_asn1_schema__WEBPACK_IMPORTED_MODULE_1__.AsnConvert.parse(Buffer.from(block[2].replace(/\s+/g, ''), 'base64'), _peculiar_asn1_csr__WEBPACK_IMPORTED_MODULE_2__.CertificationRequest);
    }
    catch {
        throw new CsrProblem('does not parse as a PKCS#10 certificate signing request');
    }
    const info = request.certificationRequestInfo;
    const publicKey = (() => {
        try {
            return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)({
                key: Buffer.from(_peculiar_asn1_schema__WEBPACK_IMPORTED_MODULE_1__.AsnConvert.serialize(info.subjectPKInfo)),
                format: 'der',
                type: 'spki'
            });
        }
        catch {
            throw new CsrProblem('has a public key that cannot be read');
        }
    })();
    const key = keyName(publicKey);
    const hash = SIGNATURE_HASHES[request.signatureAlgorithm.algorithm];
    if (!hash) {
        throw new CsrProblem(`is signed with an algorithm the action does not accept (${request.signatureAlgorithm.algorithm}): sign it with SHA-256 (openssl req -sha256)`);
    }
    const signed = request.certificationRequestInfoRaw ?? _peculiar_asn1_schema__WEBPACK_IMPORTED_MODULE_1__.AsnConvert.serialize(info);
    if (!(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.verify)(hash, Buffer.from(signed), publicKey, Buffer.from(request.signature)))
        throw new CsrProblem('has a signature that does not hold: it was altered, or not signed by its own key');
    const subject = info.subject.flatMap((rdn) => rdn.map((entry) => ({ type: entry.type, value: entry.value.toString() })));
    const commonName = subject.find((entry) => entry.type === OID_COMMON_NAME)?.value ?? '';
    if (!commonName)
        throw new CsrProblem('has no common name (CN) in its subject');
    return {
        pem: `${block[0]}\n`,
        commonName: commonName.toLowerCase(),
        names: subjectAltNames(request),
        subject: subject
            .filter((entry) => SUBJECT_NAMES[entry.type])
            .map((entry) => `${SUBJECT_NAMES[entry.type]}=${entry.value}`)
            .join(', '),
        key
    };
}
function keyName(publicKey) {
    const details = publicKey.asymmetricKeyDetails ?? {};
    if (publicKey.asymmetricKeyType === 'rsa') {
        const bits = details.modulusLength ?? 0;
        if (bits < MIN_RSA_BITS)
            throw new CsrProblem(`has an RSA key of ${bits} bits: CAs take ${MIN_RSA_BITS} bits or more`);
        return `RSA ${bits}`;
    }
    if (publicKey.asymmetricKeyType === 'ec') {
        const curve = CURVES[details.namedCurve ?? ''];
        if (!curve)
            throw new CsrProblem(`has an EC key on ${details.namedCurve ?? 'an unnamed curve'}: CAs take P-256 or P-384`);
        return `EC ${curve}`;
    }
    throw new CsrProblem(`has a ${publicKey.asymmetricKeyType ?? 'unknown'} key: use an RSA (2048 bits or more) or EC (P-256, P-384) key`);
}
/** The DNS names the request asks for in its extensionRequest attribute. */
function subjectAltNames(request) {
    const attributes = request.certificationRequestInfo.attributes ?? [];
    const names = [];
    for (const attribute of attributes.filter((a) => a.type === OID_EXTENSION_REQUEST)) {
        for (const value of attribute.values) {
            for (const extension of _peculiar_asn1_schema__WEBPACK_IMPORTED_MODULE_1__.AsnConvert.parse(value, _peculiar_asn1_x509__WEBPACK_IMPORTED_MODULE_3__.Extensions)) {
                if (extension.extnID !== _peculiar_asn1_x509__WEBPACK_IMPORTED_MODULE_3__.id_ce_subjectAltName)
                    continue;
                for (const name of _peculiar_asn1_schema__WEBPACK_IMPORTED_MODULE_1__.AsnConvert.parse(extension.extnValue.buffer, _peculiar_asn1_x509__WEBPACK_IMPORTED_MODULE_3__.SubjectAlternativeName))
                    if (name.dNSName)
                        names.push(name.dNSName.toLowerCase());
            }
        }
    }
    return [...new Set(names)];
}


/***/ })

};
