import { describe, expect, it } from 'vitest';

import { finalStatesOf, listTouched } from '@/features/jobs/push-scope';

const changes = (...pairs: [string, string][]) => new Map(pairs);

describe('finalStatesOf', () => {
  it('reads a list of final states only', () => {
    expect(finalStatesOf('tag=Transcode&states=Failed')).toEqual(new Set(['Failed']));
    expect(finalStatesOf('tag=Transcode&states=Failed%2CCancel&size=20')).toEqual(new Set(['Failed', 'Cancel']));
  });
  it('is null for every state, a state a job can leave, or a word that is no state', () => {
    expect(finalStatesOf('tag=Transcode')).toBeNull();
    expect(finalStatesOf('tag=Transcode&states=')).toBeNull();
    expect(finalStatesOf('tag=Transcode&states=Failed,Running')).toBeNull();
    expect(finalStatesOf('tag=Transcode&states=Pause')).toBeNull();
    expect(finalStatesOf('tag=Transcode&states=All')).toBeNull();
    expect(finalStatesOf('tag=Transcode&states=failed')).toBeNull();
  });
});

describe('listTouched', () => {
  it('a Failed list is not touched by jobs running, finishing well or being submitted', () => {
    const running = changes(['j1', 'Running'], ['j2', 'Success'], ['j3', 'Submitted']);
    expect(listTouched('tag=Transcode&states=Failed', running)).toBe(false);
  });
  it('a Failed list is touched when a job fails', () => {
    expect(listTouched('tag=Transcode&states=Failed', changes(['j1', 'Running'], ['j2', 'Failed']))).toBe(true);
    expect(listTouched('states=Success,Failed&tag=all', changes(['j2', 'Success']))).toBe(true);
  });
  it('a list with a state a job can leave, or with no state filter, is touched by any change', () => {
    expect(listTouched('tag=Transcode&states=Running', changes(['j1', 'Success']))).toBe(true);
    expect(listTouched('tag=Transcode&states=Submitted,Failed', changes(['j1', 'Running']))).toBe(true);
    expect(listTouched('tag=Transcode', changes(['j1', 'Running']))).toBe(true);
  });
  it('a key that is no query string is always touched; no change touches a final list', () => {
    expect(listTouched('index', changes(['j1', 'Running']))).toBe(true);
    expect(listTouched(undefined, changes(['j1', 'Running']))).toBe(true);
    expect(listTouched('tag=Transcode&states=Failed', changes())).toBe(false);
  });
});
