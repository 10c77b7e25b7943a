// STS: the temporary key of a keyless sign-in.
import { malformed, requestIdOf } from './common.js'

/** The temporary key STS hands out; ExpiredTime is in Unix seconds. */
export interface TemporaryKey {
  TmpSecretId: string
  TmpSecretKey: string
  Token: string
  ExpiredTime: number
  RequestId: string
}

export interface WebIdentityRequest {
  ProviderId: string
  WebIdentityToken: string
  RoleArn: string
  RoleSessionName: string
  DurationSeconds: number
}

export function temporaryKey(answer: Record<string, unknown>): TemporaryKey {
  const RequestId = requestIdOf(answer)
  const { ExpiredTime } = answer
  const credentials = (answer.Credentials ?? {}) as Record<string, unknown>
  const { TmpSecretId, TmpSecretKey, Token } = credentials
  if (typeof TmpSecretId !== 'string' || typeof TmpSecretKey !== 'string' || typeof Token !== 'string')
    throw malformed('Credentials', RequestId)
  if (typeof ExpiredTime !== 'number') throw malformed('ExpiredTime', RequestId)
  // The key itself is not text for people: it is masked and sent as it is, and a header check refuses it if it cannot be sent.
  return { TmpSecretId, TmpSecretKey, Token, ExpiredTime, RequestId: RequestId }
}
