// The gateway's and the SSL service's error answers: Tencent Cloud's codes with messages in English and Chinese, and
// a message for every documented code of the actions the emulator serves.

/** An answer with Error.Code and Error.Message, as the gateway sends it. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly en: string,
    readonly zh: string = en
  ) {
    super(en)
  }
}

export const errors = {
  invalidAuthorization: () =>
    new ApiError(
      'AuthFailure.InvalidAuthorization',
      'The Authorization header is malformed.',
      '请求头部的 Authorization 不符合腾讯云标准。'
    ),
  signatureFailure: (why: string) =>
    new ApiError(
      'AuthFailure.SignatureFailure',
      `The provided credentials could not be validated: ${why}.`,
      `签名错误：${why}。`
    ),
  signatureExpire: () =>
    new ApiError(
      'AuthFailure.SignatureExpire',
      'Signature expired: the timestamp differs from the server time by more than 5 minutes.',
      '签名过期。'
    ),
  secretIdNotFound: () => new ApiError('AuthFailure.SecretIdNotFound', 'The SecretId does not exist.', '密钥不存在。'),
  tokenFailure: () => new ApiError('AuthFailure.TokenFailure', 'The token is invalid or expired.', 'Token 错误。'),
  notSigned: () =>
    new ApiError(
      'AuthFailure.SignatureFailure',
      'The request is not signed (Authorization: SKIP is only for AssumeRoleWithWebIdentity).',
      '请求未签名。'
    ),
  rateLimited: () =>
    new ApiError(
      'RequestLimitExceeded',
      'Your current request times equals to 10 in a second, which exceeds the frequency limit.',
      '请求的次数超过了频率限制。'
    ),
  invalidAction: (action: string) =>
    new ApiError('InvalidAction', `The action ${action} does not exist.`, `接口 ${action} 不存在。`),
  noSuchVersion: () => new ApiError('NoSuchVersion', 'The API version does not exist.', '接口版本不存在。'),
  missingParameter: (name: string) =>
    new ApiError('MissingParameter', `The request is missing a required parameter \`${name}\`.`, `缺少参数 ${name}。`),
  unknownParameter: (name: string) =>
    new ApiError('UnknownParameter', `The parameter \`${name}\` is not recognized.`, `参数 ${name} 未定义。`),
  invalidParameter: (why: string) => new ApiError('InvalidParameter', why, why),
  invalidParam: () => new ApiError('FailedOperation.InvalidParam', 'Incorrect parameters.', '参数有误。'),
  certificateNotFound: () =>
    new ApiError('FailedOperation.CertificateNotFound', 'The certificate does not exist.', '证书不存在。'),
  invalidStatus: () =>
    new ApiError(
      'FailedOperation.InvalidCertificateStatusCode',
      'The certificate status is incorrect.',
      '证书状态不正确。'
    ),
  /** A documented code with its message below. */
  documented: (code: string, zh: string) => new ApiError(code, DOCUMENTED_MESSAGES[code] ?? code, zh)
}

/**
 * Messages for every documented code of the actions the emulator serves (CommitCertificateInformation's are Tencent
 * Cloud's own; the others say what the code means), used when a test injects a code without a message.
 */
export const DOCUMENTED_MESSAGES: Readonly<Record<string, string>> = {
  FailedOperation: 'The operation failed.',
  'FailedOperation.AuthError': 'You do not have permission to perform this operation.',
  'FailedOperation.CannotGetOrder': 'Failed to get the order information. Try again later.',
  'FailedOperation.CertificateCsrParseFailed': 'Failed to parse the CSR.',
  'FailedOperation.CertificateInfoSubmitStatusInvalid': 'The certificate status does not allow submitting information.',
  'FailedOperation.CertificateInfoSubmitContactEmailEmpty': 'The contact email is empty.',
  'FailedOperation.CertificateInfoSubmitDomainInvalid': 'The domain is invalid.',
  'FailedOperation.CertificateOrderSubmitRootCAInvalid': 'The root CA is invalid.',
  'FailedOperation.CertificateSubmitHostingCertError': 'A hosted certificate cannot be submitted this way.',
  'InvalidParameter.RenewAlgorithmInvalid': 'The key algorithm of the renewal is invalid.',
  InvalidParameter: 'Invalid parameter.',
  InvalidParameterValue: 'Invalid parameter value.',
  'FailedOperation.CertificateStatusNotAllowVerify': 'The certificate status does not allow a domain check.',
  'FailedOperation.CertificateNotFoundOrAudited': 'The certificate does not exist or has been audited.',
  'InvalidParameter.CertificatesNumberExceeded': 'Too many certificates in one request.',
  'FailedOperation.CertificateSyncTaskIdInvalid': 'The sync task ID is invalid.',
  'FailedOperation.CertificateInvalid': 'The certificate is invalid.',
  'FailedOperation.CertificateNotFound': 'The certificate does not exist.',
  'FailedOperation.CertificateOrderSubmitProcessing': 'The certificate order is being submitted. Try again later.',
  'FailedOperation.CertificatePreVerifyEmailInvalid': 'The pre-verification email address is invalid.',
  'FailedOperation.InvalidCertificateStatusCode': 'The certificate status is incorrect.',
  'FailedOperation.InvalidParam': 'Incorrect parameters.',
  'FailedOperation.NetworkError': 'The CA system is busy. Try again later.',
  'FailedOperation.CAMAuthorizedFail': 'CAM authorization failed.',
  'FailedOperation.CertificateDeployHasPendingRecord': 'An update task is already running for this certificate.',
  'FailedOperation.CertificateDeployInstanceEmpty': 'No cloud resource of these types is bound to the certificate.',
  'FailedOperation.CertificateDeployNotExist': 'The deployment record does not exist.',
  'FailedOperation.CertificateExists': 'The certificate already exists.',
  'FailedOperation.CertificateHostDeployCanNotAllow': 'Deployment is not allowed for this resource.',
  'FailedOperation.CertificateHostResourceInnerInterrupt': 'The resource update was interrupted.',
  'FailedOperation.CertificateHostResourceInstanceHugeLimit': 'Too many resource instances.',
  'FailedOperation.CertificateHostResourceTypeInvalid': 'The resource type is invalid.',
  'FailedOperation.CertificateMatchError': 'The certificates do not match.',
  'FailedOperation.CertificateNotAvailable': 'The certificate is not available.',
  'FailedOperation.CertificateNotDeployInstance': 'The certificate cannot be deployed.',
  'FailedOperation.CertificateParseError': 'Failed to parse the certificate.',
  'FailedOperation.RoleNotFoundAuthorization': 'The service role is not authorized.',
  'InvalidParameter.WithDetailReason': 'Invalid parameter.',
  'InvalidParameterValue.IntermediateCertNotSame': 'The intermediate certificates are not the same.',
  'FailedOperation.SystemError': 'System error.',
  'FailedOperation.CancelOrderFailed': 'Failed to cancel the order.',
  'FailedOperation.CannotBeDeletedIssued': 'An issued certificate cannot be deleted.',
  'FailedOperation.CannotBeDeletedWithinHour': 'A certificate cannot be deleted within an hour of being issued.',
  'FailedOperation.CertificateMismatch': 'The certificate does not match.',
  'FailedOperation.ExceedsFreeLimit': 'The free certificate limit is exceeded.',
  'FailedOperation.OrderAlreadyReplaced': 'The order has already been replaced.',
  'FailedOperation.OrderReplaceFailed': 'Failed to replace the order.',
  'FailedOperation.NoProjectPermission': 'You do not have the permission to operate on this project.',
  'FailedOperation.NoRealNameAuth': 'You have not completed the identity verification.',
  InternalError: 'Internal error.',
  'InternalError.BackendResponseEmpty': 'The backend service response is empty.',
  'InternalError.BackendResponseError': 'An error occurred with the backend service response.',
  'InternalError.GetRoleError': 'Failed to get the role.',
  'InternalError.SystemError': 'System error.',
  'InternalError.UnknownError': 'Unknown error.',
  'InvalidParameter.OverLimit': 'The request frequency is over the limit.',
  'InvalidParameter.ParamError': 'Invalid parameter.',
  'InvalidParameter.WebIdentityTokenError': 'The web identity token is invalid.',
  'LimitExceeded.RateLimitExceeded': 'The API rate limit is exceeded.',
  RequestLimitExceeded: 'Your current request times exceeds the frequency limit.',
  'ResourceNotFound.Manager': 'The manager does not exist.',
  UnauthorizedOperation: 'The operation is not authorized.',
  'AuthFailure.UnauthorizedOperation': 'The request is not authorized by CAM.'
}
