// The records the CA asks for, and where each one goes: the one place that reads a record's zone, name, type and value.
/** One record the CA asks for to validate a domain, with the field names of the API's DvAuths. */
export interface DvAuth {
  DvAuthKey: string
  DvAuthValue: string
  DvAuthDomain: string
  DvAuthSubDomain: string
  DvAuthPath: string
  /** TXT, CNAME or FILE. */
  DvAuthVerifyType: string
}

/**
 * Where one validation record goes, in the terms of whoever makes it: for DNS, the zone (DvAuthDomain), the host
 * record inside it (DvAuthSubDomain; DvAuthKey is the full name, host record + '.' + zone), the type and the value;
 * for FILE, the site and the file's path on it, which must serve the value.
 */
interface RecordLocation {
  type: string
  /** The DNS zone, or the site for FILE. */
  zone: string
  /** The host record inside the zone, or the file's path on the site. */
  name: string
  value: string
}

export function recordLocation(record: DvAuth): RecordLocation {
  const zone = record.DvAuthDomain
  if (record.DvAuthVerifyType === 'FILE' || (record.DvAuthPath && !record.DvAuthVerifyType)) {
    // DvAuthPath is the file's path; older answers give its folder and the name in DvAuthKey.
    const path =
      record.DvAuthPath.endsWith('/') || !record.DvAuthPath
        ? `${record.DvAuthPath || '/'}${record.DvAuthKey}`
        : record.DvAuthPath
    return { type: 'FILE', zone, name: path, value: record.DvAuthValue }
  }
  const suffix = zone ? `.${zone}` : ''
  const fromKey =
    suffix && record.DvAuthKey.toLowerCase().endsWith(suffix.toLowerCase())
      ? record.DvAuthKey.slice(0, -suffix.length)
      : record.DvAuthKey
  return {
    type: record.DvAuthVerifyType || 'TXT',
    zone,
    name: record.DvAuthSubDomain || fromKey,
    value: record.DvAuthValue
  }
}

/** One line for the log: what to create, and where. */
export function describeRecord(record: DvAuth): string {
  const { type, zone, name, value } = recordLocation(record)
  if (type === 'FILE') return `serve the file ${name} on ${zone} (http or https) containing ${value}`
  const fullName = zone ? `${name}.${zone}` : name
  return `add a ${type} record in the DNS zone ${zone || '(unknown)'}: host record ${name} (full name ${fullName}), value ${value}`
}
