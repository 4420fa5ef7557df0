// Adaptive Card JSON as Teams renders it, built as plain data (the cards package's builders add nothing we
// need and would tie rendering to the SDK's class shapes), plus the size arithmetic behind splitting.

export type CardElement = { type: string } & Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full'; entities?: MentionEntity[] };
}

/** A Teams @mention: the text `<at>Name</at>` in the message, tied to the person's id so Teams notifies them. */
export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string; role: 'user' };
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** What render-card produces and the adapter sends: one Teams message activity, without addressing. */
export interface TeamsMessage {
  type: 'message';
  text?: string;
  textFormat?: 'markdown';
  attachments?: { contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; content: AdaptiveCard }[];
  /** Shown in notifications and the activity feed instead of "Card". */
  summary?: string;
  /** Mentions in `text` (a plain message); a card carries its own in `msteams.entities`. */
  entities?: MentionEntity[];
}

// Teams refuses a bot message over its size limit, counted as the whole activity (text, summary,
// attachments and the envelope) encoded in UTF-16 (Microsoft's "Format your bot messages" page; readings of
// the limit differ, 28 KB being the strictest). LOKET keeps every activity it sends under 28 KB counted that
// way: what render-card produces stays under MESSAGE_BUDGET_BYTES, leaving ENVELOPE_RESERVE_BYTES for what
// is added around it on the way out (from, recipient, conversation, replyToId, serviceUrl, mention entities).
export const ACTIVITY_BUDGET_BYTES = 28 * 1024;
export const ENVELOPE_RESERVE_BYTES = 4 * 1024;
export const MESSAGE_BUDGET_BYTES = ACTIVITY_BUDGET_BYTES - ENVELOPE_RESERVE_BYTES;

/** The size Teams counts: the activity's JSON in UTF-16 code units, two bytes each. */
export function utf16Bytes(value: unknown): number {
  return JSON.stringify(value).length * 2;
}

export function adaptiveCard(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

export function cardMessage(card: AdaptiveCard, summary?: string): TeamsMessage {
  return {
    type: 'message',
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
    ...(summary ? { summary } : {}),
  };
}

export function textBlock(text: string, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

export function titleBlock(text: string): CardElement {
  return textBlock(text, { weight: 'Bolder', size: 'Medium', style: 'heading' });
}

/**
 * Splits `text` into pieces of at most `maxChars` characters, preferring line breaks, then spaces, and never
 * cutting a surrogate pair in two.
 */
export function chunkText(text: string, maxChars: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    let cut = rest.lastIndexOf('\n', maxChars);
    if (cut < maxChars / 2) cut = rest.lastIndexOf(' ', maxChars);
    if (cut < maxChars / 2) cut = maxChars;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest.length || !chunks.length) chunks.push(rest);
  return chunks;
}

/** The markup Teams expects for a mention of `name` in a message's text or a card's TextBlock. */
export function mentionMarkup(name: string): string {
  return `<at>${name}</at>`;
}

/**
 * Ties the `<at>name</at>` markup in `messages` to the person, in the message that carries it: on the
 * activity for a plain message, in the card's `msteams.entities` for a card. Without the entity Teams shows
 * the markup as plain text and nobody is notified.
 */
export function withMention(messages: TeamsMessage[], person: { id: string; name: string }): TeamsMessage[] {
  const text = mentionMarkup(person.name);
  const entity: MentionEntity = { type: 'mention', text, mentioned: { id: person.id, name: person.name, role: 'user' } };
  return messages.map((message) => {
    if (!JSON.stringify(message).includes(JSON.stringify(text).slice(1, -1))) return message;
    if (!message.attachments) return { ...message, entities: [...(message.entities ?? []), entity] };
    return {
      ...message,
      attachments: message.attachments.map((a) => ({ ...a, content: { ...a.content, msteams: { width: 'Full' as const, ...a.content.msteams, entities: [...(a.content.msteams?.entities ?? []), entity] } } })),
    };
  });
}
