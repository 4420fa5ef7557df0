// What a modal carries from the command that opened it to its submission (Slack's `private_metadata`,
// max 3 000 characters): where to answer and which verb the values go to.

export interface FormMetadata {
  verb: string;
  userId: string;
  teamId?: string;
  channelId?: string;
  /** The response_url of the command or button that opened the form; valid for 30 minutes. */
  responseUrl?: string;
}

const MAX_METADATA = 3000;

export function encodeFormMetadata(metadata: FormMetadata): string {
  const compact = { v: metadata.verb, u: metadata.userId, t: metadata.teamId, c: metadata.channelId, r: metadata.responseUrl };
  const json = JSON.stringify(compact);
  // A response_url is the only part that can be long; without it the answer goes by chat.postEphemeral.
  return json.length <= MAX_METADATA ? json : JSON.stringify({ ...compact, r: undefined });
}

/** Throws on anything that is not our own metadata: a forged submission must not pick a verb or a URL. */
export function decodeFormMetadata(text: string): FormMetadata {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) throw new Error('form metadata is not an object');
  const record = value as Record<string, unknown>;
  const verb = record['v'];
  const userId = record['u'];
  if (typeof verb !== 'string' || !verb || typeof userId !== 'string') throw new Error('form metadata lacks verb or user');
  return {
    verb,
    userId,
    teamId: optionalString(record['t']),
    channelId: optionalString(record['c']),
    responseUrl: optionalString(record['r']),
  };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
