import { quoted, untrusted, userinfoOf, withoutCommands, withoutUserinfo } from '../../src/support/untrusted.js'

describe('untrusted: server text made safe to print anywhere', () => {
  test.each([
    ['busy\n::stop-commands::TOKEN', 'busy : :stop-commands: :TOKEN'],
    ['a\r\n::error title=x::y', 'a : :error title=x: :y'],
    ['\u001b[31mred\u001b[0m and \u001b]8;;http://x\u0007link\u001b]8;;\u0007', 'red and link'],
    ['line\u2028sep\u2029para\u0085next', 'line sep para next'],
    ['nul\u0000bell\u0007del\u007f', 'nul bell del '],
    [':::', ': : :'],
    ['plain text, 证书 ok: fine', 'plain text, 证书 ok: fine']
  ])('%j → %j', (input, expected) => {
    expect(untrusted(input)).toBe(expected)
  })

  test('no workflow command can form, whatever the input', () => {
    for (const input of ['::error::x', '\n::warning::x', ' ::add-mask::x', '::::', ': :\n:'])
      expect(untrusted(input)).not.toContain('::')
  })

  test.each([
    ['retry ##[stop-commands]token', 'retry ## [stop-commands]token'],
    ['x##[set-output name=a;]b', 'x## [set-output name=a;]b'],
    ['###[warning]w ##[##[', '### [warning]w ## [## ['],
    ['#\n#[error]e', '# #[error]e']
  ])('the legacy form anywhere in a line: %j → %j', (input, expected) => {
    expect(untrusted(input)).toBe(expected)
    expect(untrusted(input)).not.toContain('##[')
  })

  test("withoutCommands keeps a message's lines and breaks both forms in each, and a role ARN mid-line as it is", () => {
    expect(withoutCommands('first\n  ::error::x ##[warning]y')).toBe('first\n  : :error::x ## [warning]y')
    expect(withoutCommands('role qcs::cam::uin/1:roleName/r')).toBe('role qcs::cam::uin/1:roleName/r')
  })

  test('long text is cut, and the cut is said', () => {
    expect(untrusted('x'.repeat(1500))).toBe(`${'x'.repeat(1000)}… (500 more characters)`)
    expect(untrusted('abcdef', 3)).toBe('abc… (3 more characters)')
    expect(untrusted('abc', 3)).toBe('abc')
  })

  test('null and undefined print as nothing', () => {
    expect(untrusted(null)).toBe('')
    expect(untrusted(undefined)).toBe('')
  })
})

describe('user information in URLs', () => {
  test.each([
    ['https://user:pass@host:8443', 'https://***@host:8443'],
    ['http://user:pa/ss@proxy:3128', 'http://***@proxy:3128'],
    ['http://user:p@ss@proxy:3128', 'http://***@proxy:3128'],
    ['user:secret@proxy:3128', '***@proxy:3128'],
    ['https://ssl.tencentcloudapi.com', 'https://ssl.tencentcloudapi.com'],
    ['proxy.corp:3128', 'proxy.corp:3128']
  ])('withoutUserinfo(%j) = %j', (raw, expected) => {
    expect(withoutUserinfo(raw)).toBe(expected)
  })

  test('userinfoOf takes everything before the last @, as written', () => {
    expect(userinfoOf('http://user:pa/ss@proxy:3128')).toBe('user:pa/ss')
    expect(userinfoOf('user:p@ss@proxy')).toBe('user:p@ss')
    expect(userinfoOf('http://proxy:3128')).toBe('')
  })

  test('quoted input values are neutralised and short', () => {
    expect(quoted('a\n::error::b')).toBe('"a : :error: :b"')
    expect(quoted('x'.repeat(200))).toBe(`"${'x'.repeat(100)}… (100 more characters)"`)
  })
})
