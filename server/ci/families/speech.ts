/** SpeechRecognition: recognised text, per-sentence detail and FlashResult (snake_case children). */
import 'server-only';

import type { SpeechRecognitionResult, SpeechSentence } from '@/lib/ci/types';

import { toNumber, type XmlReader } from '../xml-reader';

export function readSpeech(op: XmlReader): SpeechRecognitionResult | null {
  const r = op.child('SpeechRecognitionResult');
  if (!r) return null;
  const sentences: SpeechSentence[] = r.children('ResultDetail').map((d) => ({
    text: d.str('FinalSentence') ?? d.str('SliceSentence') ?? '',
    startMs: d.num('StartMs'),
    endMs: d.num('EndMs'),
    speakerId: d.str('SpeakerId'),
    wordsNum: d.int('WordsNum'),
    speechSpeed: d.num('SpeechSpeed'),
    words: d.children('Words').map((w) => ({
      word: w.str('Word') ?? '',
      startMs: w.num('OffsetStartMs'),
      endMs: w.num('OffsetEndMs'),
    })),
  }));
  const flash = r.children('FlashResult');
  for (const channel of flash) {
    for (const s of channel.children('sentence_list')) {
      sentences.push({
        text: s.str('text') ?? '',
        startMs: toNumber(s.str('start_time')),
        endMs: toNumber(s.str('end_time')),
        speakerId: s.str('speaker_id'),
        wordsNum: null,
        speechSpeed: null,
        words: s.children('word_list').map((w) => ({
          word: w.str('word') ?? '',
          startMs: w.num('start_time'),
          endMs: w.num('end_time'),
        })),
      });
    }
  }
  const text = r.strs('Result');
  if (text.length === 0) for (const channel of flash) text.push(...channel.strs('text'));
  return {
    audioTimeSec: r.num('AudioTime'),
    text,
    objectName: r.str('ObjectName'),
    detailObjectName: r.str('DetailObjectName'),
    sentences,
    extra: r.rest(),
  };
}
