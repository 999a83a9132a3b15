/**
 * Vitest's asymmetric matchers, typed: `expect.stringContaining` is declared `any`, which would let
 * any value through where it is used. These return what they are to the type checker: a matcher
 * that stands for a value, checked by toMatchObject/toEqual.
 */
import { expect } from 'vitest';

export const containing = (text: string): unknown => expect.stringContaining(text);
