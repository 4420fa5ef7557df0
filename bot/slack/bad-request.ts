// Bolt answers 500 when a correctly signed body cannot be read as any Slack payload (e.g. `payload=null`).
// Such a request is the sender's mistake, not LOKET's failure: Slack gets a 4xx, and a 5xx stays a sign of
// a real fault (found by fuzzing, issue 9).
import { ErrorCode, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';

export async function answerUnreadablePayload({ error, response, logger }: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
  if (response.headersSent) return false;
  const unauthorised = (error as { code?: string }).code === ErrorCode.AuthorizationError;
  // The error goes to the logger as an error, so its message is logged without what it quotes of the body.
  logger.warn(`Slack request refused: ${unauthorised ? 'no installation for it' : 'unreadable payload'}`, error);
  response.writeHead(unauthorised ? 401 : 400);
  response.end();
  return true;
}
