/**
 * A key pair that cannot leak by accident: the SecretKey sits in a private field, so JSON, util.inspect
 * and template strings of a config or an error show only the SecretId.
 */
import 'server-only';

import { inspect } from 'node:util';

export class Credentials {
  readonly #secretKey: string;

  constructor(
    readonly secretId: string,
    secretKey: string,
    readonly sessionToken?: string,
  ) {
    this.#secretKey = secretKey;
  }

  /** Only the signer calls this. */
  revealSecretKey(): string {
    return this.#secretKey;
  }

  /** Replaces the SecretKey (and token) wherever they appear in a text from outside, e.g. an upstream message. */
  redact(text: string): string {
    let out = text.split(this.#secretKey).join('[redacted]');
    if (this.sessionToken) out = out.split(this.sessionToken).join('[redacted]');
    return out;
  }

  toJSON() {
    return {
      secretId: this.secretId,
      secretKey: '[redacted]',
      sessionToken: this.sessionToken ? '[redacted]' : undefined,
    };
  }

  toString() {
    return `Credentials(${this.secretId})`;
  }

  [inspect.custom]() {
    return this.toString();
  }
}
