import { checkProxyVariables } from '../../src/inputs/proxy-variables.js'
import { bypassesProxy, proxyFor } from '../../src/api/proxy.js'
import { thrownBy } from '../helpers/thrown.js'
import { InputError } from '../../src/support/input-error.js'

const HTTPS = { protocol: 'https://', host: 'ssl.tencentcloudapi.com' } as const
const LOOPBACK = { protocol: 'http://', host: '127.0.0.1:8080' } as const

describe('bypassesProxy (NO_PROXY)', () => {
  test.each([
    ['ssl.tencentcloudapi.com', '443', 'ssl.tencentcloudapi.com', true],
    ['ssl.tencentcloudapi.com', '443', 'tencentcloudapi.com', true],
    ['ssl.tencentcloudapi.com', '443', '.tencentcloudapi.com', true],
    ['ssl.tencentcloudapi.com', '443', '*.tencentcloudapi.com', true],
    ['ssl.tencentcloudapi.com', '443', 'other.com, tencentcloudapi.com', true],
    ['ssl.tencentcloudapi.com', '443', 'other.com tencentcloudapi.com', true],
    ['ssl.tencentcloudapi.com', '443', '*', true],
    ['ssl.tencentcloudapi.com', '443', 'cloudapi.com', false],
    ['ssl.tencentcloudapi.com', '443', 'tencentcloudapi.com:8443', false],
    ['ssl.tencentcloudapi.com', '443', 'tencentcloudapi.com:443', true],
    ['127.0.0.1', '8080', '127.0.0.1', true],
    ['127.0.0.1', '8080', '127.0.0.2', false],
    ['[::1]', '9000', '::1', true],
    ['[::1]', '9000', '[::1]:9000', true],
    ['[::1]', '9000', '[::1]:9001', false],
    ['ssl.tencentcloudapi.com', '443', '', false],
    ['ssl.tencentcloudapi.com', '443', ',', false]
  ])('%s:%s with NO_PROXY "%s" → %s', (host, port, noProxy, expected) => {
    expect(bypassesProxy(host, port, noProxy)).toBe(expected)
  })
})

describe('proxyFor', () => {
  test('https endpoints use https_proxy, then HTTPS_PROXY; http_proxy alone is not for them', () => {
    expect(proxyFor(HTTPS, { HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128' })?.host).toBe(
      'lower:3128'
    )
    expect(proxyFor(HTTPS, { HTTPS_PROXY: 'http://upper:3128' })?.host).toBe('upper:3128')
    expect(proxyFor(HTTPS, { http_proxy: 'http://plain:3128' })).toBeUndefined()
  })

  test('plain loopback sandboxes use http_proxy, then HTTP_PROXY', () => {
    expect(proxyFor(LOOPBACK, { HTTP_PROXY: 'http://upper:3128' })?.host).toBe('upper:3128')
    expect(proxyFor(LOOPBACK, { HTTPS_PROXY: 'http://secure:3128' })).toBeUndefined()
  })

  test('NO_PROXY (either case) wins, and a proxy without a scheme is http', () => {
    expect(proxyFor(HTTPS, { HTTPS_PROXY: 'http://p:3128', NO_PROXY: '.tencentcloudapi.com' })).toBeUndefined()
    expect(proxyFor(HTTPS, { HTTPS_PROXY: 'http://p:3128', no_proxy: 'tencentcloudapi.com' })).toBeUndefined()
    expect(proxyFor(HTTPS, { HTTPS_PROXY: 'proxy.corp:3128' })?.href).toBe('http://proxy.corp:3128/')
  })
})

describe('checkProxyVariables', () => {
  test("masks a proxy's user information and password, as written and decoded, before anything can print them", () => {
    const masked: string[] = []
    checkProxyVariables({ HTTPS_PROXY: 'http://user:s%40cret@proxy:3128' }, (s) => masked.push(s))
    expect(masked).toEqual(['user:s%40cret', 's%40cret', 's@cret'])
  })

  test.each([
    ['socks5://user:hidden@proxy:1080', /https_proxy "socks5:\/\/\*\*\*@proxy:1080" is not a proxy URL/],
    // A "/" in the password ends the authority for a URL parser: the message must still not show it.
    ['http://user:pa/ss@proxy:3128', /https_proxy "http:\/\/\*\*\*@proxy:3128" is not a proxy URL/],
    ['http://user:100%@proxy:3128', /https_proxy has a user name or password with a "%" that is not percent-encoding/]
  ])('refuses %s without printing the password', (value, message) => {
    const masked: string[] = []
    const refuse = () => checkProxyVariables({ https_proxy: value }, (s) => masked.push(s))
    const text = thrownBy(InputError, refuse).message
    expect(text).toMatch(message)
    const password = value.slice(value.indexOf('user:') + 5, value.lastIndexOf('@'))
    expect(text).not.toContain(password)
    expect(masked).toContain(password)
  })
})
