// `npm test` after the build: the type check and Jest side by side (the end-to-end suites mostly wait on processes and
// timers, so the type check costs them little), failing when either fails; Jest's output as it comes.
import { spawn } from 'node:child_process'

const run = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' })
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })

const [typecheck, jest] = await Promise.all([
  run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit']),
  run(process.execPath, [
    '--experimental-vm-modules',
    '--disable-warning=ExperimentalWarning',
    'node_modules/jest/bin/jest.js',
    ...process.argv.slice(2)
  ])
])
if (typecheck !== 0) console.error('The type check failed (tsc --noEmit): see above.')
process.exit(typecheck || jest)
