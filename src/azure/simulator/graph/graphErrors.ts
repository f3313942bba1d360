/**
 * Resource Graph's own error shape (resourcegraph.json `ErrorResponse`): a BadRequest whose `details` say what is
 * wrong with the query, e.g. InvalidQuery + ParserFailure. Thrown inside the ARG handler; the server sends it as is.
 */
import { randomUUID } from 'node:crypto';
import { ArmError } from '../armErrors';

export interface GraphErrorDetail {
  code: string;
  message: string;
}

const INVALID_QUERY: GraphErrorDetail = {
  code: 'InvalidQuery',
  message: 'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.',
};

function supportMessage(): string {
  return `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}, correlationId = ${randomUUID()}.`;
}

export class GraphQueryError extends ArmError {
  constructor(status: number, code: string, readonly details: GraphErrorDetail[], headers: Record<string, string> = {}) {
    super(status, code, supportMessage(), headers);
  }

  override toBody(): { error: { code: string; message: string; details: GraphErrorDetail[] } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }

  /** The query text cannot be parsed (or uses what the simulator does not implement). */
  static parser(problem: string, position: number): GraphQueryError {
    return new GraphQueryError(400, 'BadRequest', [INVALID_QUERY, { code: 'ParserFailure', message: `ParserFailure: ${problem} (at character ${position + 1})` }]);
  }

  /** The query parses but names something that does not exist, e.g. an unknown column. */
  static semantic(problem: string): GraphQueryError {
    return new GraphQueryError(400, 'BadRequest', [INVALID_QUERY, { code: 'Default', message: problem }]);
  }

  /** A query that is valid KQL but not one of the shapes the simulator recognises (see shapes.ts). */
  static unrecognised(problem: string): GraphQueryError {
    return new GraphQueryError(400, 'BadRequest', [INVALID_QUERY, { code: 'UnsupportedQueryShape', message: `The ARM simulator does not recognise this query: ${problem}. It answers the bot's query shapes only (src/azure/simulator/README.md).` }]);
  }

  /** The request body itself (not the query) is wrong. */
  static request(problem: string): GraphQueryError {
    return new GraphQueryError(400, 'BadRequest', [{ code: 'InvalidRequestContent', message: problem }]);
  }
}
