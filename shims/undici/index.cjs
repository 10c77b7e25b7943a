// @actions/core's HTTP client (@actions/http-client) imports undici at its top for ProxyAgent, which only its
// getAgentDispatcher uses, and @actions/github imports its fetch; executing undici's module tree at start cost a plain
// order about a fifth of its cold start. The bundle resolves `undici` to this stand-in (tsconfig.json's paths, which
// ncc follows), which requires the real undici the first time either is used; until then nothing of it runs.
'use strict'

let real
const undici = () => (real ??= require('../../node_modules/undici/index.js'))

exports.ProxyAgent = class ProxyAgent {
  constructor(...args) {
    return new (undici().ProxyAgent)(...args)
  }
}

exports.fetch = (...args) => undici().fetch(...args)
