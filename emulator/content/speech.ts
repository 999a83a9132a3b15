/**
 * Operation content for the intelligent-voice tags (Speeching queue type): speech recognition with
 * per-sentence and per-word timings, noise reduction, voice separation and text to speech.
 */
import type { Tag } from '@/lib/ci/tags';

import { CHINESE_SENTENCES, ENGLISH_SENTENCES, TTS_TEXTS } from '../corpus';
import type { XmlNode } from '../node';
import { hashString, Rng } from '../random';
import {
  isSuccess,
  mediaDuration,
  outputKey,
  outputNode,
  pickTemplate,
  trailer,
  type OperationBuilder,
} from './common';
import { mediaInfo, mediaResult } from './media-info';

const PUNCTUATION = /^[，。！？、,.!?]+$/;

/** Words and display text of a corpus sentence (Chinese ones come pre-segmented with spaces). */
function split(sentence: string, chinese: boolean): { words: string[]; text: string } {
  const tokens = sentence.split(/\s+/).filter(Boolean);
  return {
    words: tokens.filter((t) => !PUNCTUATION.test(t)),
    text: chinese ? tokens.join('') : sentence,
  };
}

const clock = (ms: number) => `${Math.floor(ms / 60000)}:${((ms % 60000) / 1000).toFixed(3)}`;

function transcript(rng: Rng, chinese: boolean, speakers: number) {
  const pool = chinese ? CHINESE_SENTENCES : ENGLISH_SENTENCES;
  const sentences = Array.from({ length: rng.int(3, 8) }, () => rng.pick(pool));
  let at = rng.int(200, 1500);
  const details: XmlNode[] = [];
  const lines: string[] = [];
  for (const sentence of sentences) {
    const { words, text } = split(sentence, chinese);
    const perWord = chinese ? rng.int(380, 520) : rng.int(260, 420);
    const start = at;
    const wordNodes = words.map((word, i) => ({
      Word: word,
      OffsetStartMs: String(i * perWord),
      OffsetEndMs: String((i + 1) * perWord - rng.int(0, 60)),
    }));
    const end = start + words.length * perWord;
    details.push({
      FinalSentence: text,
      SliceSentence: words.join(' '),
      StartMs: String(start),
      EndMs: String(end),
      WordsNum: String(words.length),
      SpeechSpeed: ((words.length * 1000) / (end - start)).toFixed(1),
      SpeakerId: String(speakers > 1 ? rng.int(0, speakers - 1) : 0),
      Words: wordNodes,
    });
    lines.push(`[${clock(start)},${clock(end)}]  ${text}`);
    at = end + rng.int(150, 1200);
  }
  return { text: lines.join('\n'), details, audioMs: at + rng.int(0, 800) };
}

const speechRecognition: OperationBuilder = (ctx) => {
  const { rng } = ctx;
  const template = rng.chance(0.5) ? pickTemplate(ctx, 'SpeechRecognition') : undefined;
  const engine = String(template?.params.engine ?? rng.pick(['16k_zh', '16k_zh', '16k_en', '8k_zh']));
  const diarization = rng.chance(0.3);
  const object = outputKey(ctx, '', 'txt', 'asr/');
  const op: XmlNode = template
    ? { TemplateId: template.id, TemplateName: template.name }
    : {
        SpeechRecognition: {
          EngineModelType: engine,
          ChannelNum: '1',
          ResTextFormat: rng.pick(['0', '1', '2']),
          FilterDirty: '0',
          FilterModal: '1',
          ConvertNumMode: '1',
          SpeakerDiarization: diarization ? '1' : '0',
          SpeakerNumber: diarization ? '2' : '0',
          FilterPunc: '0',
          OutputFileType: 'txt',
        },
      };
  Object.assign(op, { Output: outputNode(ctx, object), ...trailer(ctx) });
  if (!isSuccess(ctx)) return op;
  const { text, details, audioMs } = transcript(rng, engine.endsWith('zh'), diarization ? 2 : 1);
  // Flash recognition (a separate draw, so the rest stays as it was) answers in FlashResult, whose
  // children are snake_case (reference §5.3).
  const flash = !template && new Rng(hashString('flash', ctx.job.contentSeed)).chance(0.3);
  if (flash) (op.SpeechRecognition as XmlNode).FlashAsr = 'true';
  op.SpeechRecognitionResult = flash
    ? {
        AudioTime: (audioMs / 1000).toFixed(6),
        ObjectName: object,
        FlashResult: {
          channel_id: '0',
          text: (Array.isArray(text) ? text : [text]).join(''),
          sentence_list: details.map((d) => ({
            text: d.FinalSentence,
            start_time: d.StartMs,
            end_time: d.EndMs,
            speaker_id: d.SpeakerId,
            word_list: ((d.Words as XmlNode[] | undefined) ?? []).map((w) => ({
              word: w.Word,
              start_time: w.OffsetStartMs,
              end_time: w.OffsetEndMs,
            })),
          })),
        },
      }
    : {
        AudioTime: (audioMs / 1000).toFixed(6),
        Result: text,
        ObjectName: object,
        ResultDetail: details,
      };
  return op;
};

function audioResult(ctx: Parameters<OperationBuilder>[0], op: XmlNode, objects: string[], container: 'mp3' | 'wav') {
  op.MediaInfo = mediaInfo(ctx.rng, {
    container,
    durationS: Math.min(7200, mediaDuration(ctx)),
    audioTracks: 1,
    subtitle: false,
  });
  op.MediaResult = mediaResult(ctx.rng, { bucket: ctx.bucket, region: ctx.region, objects });
  return op;
}

const noiseReduction: OperationBuilder = (ctx) => {
  const template = ctx.rng.chance(0.5) ? pickTemplate(ctx, 'NoiseReduction') : undefined;
  const format = ctx.rng.pick(['wav', 'mp3'] as const);
  const object = outputKey(ctx, '_denoised', format, 'audio-out/');
  const op: XmlNode = template
    ? { TemplateId: template.id, TemplateName: template.name }
    : { NoiseReduction: { Format: format, Samplerate: ctx.rng.pick(['16000', '44100', '48000']) } };
  Object.assign(op, { Output: outputNode(ctx, object), ...trailer(ctx) });
  return isSuccess(ctx) ? audioResult(ctx, op, [object], format) : op;
};

const voiceSeparate: OperationBuilder = (ctx) => {
  const { rng } = ctx;
  const mode = rng.weighted([
    ['AudioAndBackground', 3],
    ['IsAudio', 1],
    ['IsBackground', 1],
  ] as const);
  const vocal = outputKey(ctx, '_vocal', 'mp3', 'audio-out/');
  const background = outputKey(ctx, '_background', 'mp3', 'audio-out/');
  const op: XmlNode = {
    VoiceSeparate: {
      AudioMode: mode,
      AudioConfig: { Codec: 'mp3', Samplerate: '44100', Bitrate: '128', Channels: '2' },
    },
    // Object receives the voice and AuObject the background, whichever of them the mode keeps.
    Output: outputNode(ctx, vocal, { AuObject: background }),
    ...trailer(ctx),
  };
  if (!isSuccess(ctx)) return op;
  const written = mode === 'AudioAndBackground' ? [vocal, background] : mode === 'IsAudio' ? [vocal] : [background];
  return audioResult(ctx, op, written, 'mp3');
};

const tts: OperationBuilder = (ctx) => {
  const { rng } = ctx;
  const codec = rng.pick(['mp3', 'wav', 'pcm']);
  const object = `tts/${ctx.job.jobId}.${codec === 'pcm' ? 'pcm' : codec}`;
  const op: XmlNode = {
    TtsTpl: {
      Mode: rng.pick(['Sync', 'Asyc']),
      Codec: codec,
      VoiceType: rng.pick(['ruxue', 'aixiaonan', 'zhiyu', 'WeJack']),
      Volume: String(rng.int(-5, 5)),
      Speed: String(rng.pick([80, 100, 120, 150])),
    },
    TtsConfig: { InputType: 'Text', Input: rng.pick(TTS_TEXTS) },
    Output: outputNode(ctx, object),
    ...trailer(ctx),
  };
  if (!isSuccess(ctx)) return op;
  op.MediaResult = mediaResult(rng, { bucket: ctx.bucket, region: ctx.region, objects: [object] });
  return op;
};

export const SPEECH_BUILDERS = {
  SpeechRecognition: speechRecognition,
  NoiseReduction: noiseReduction,
  VoiceSeparate: voiceSeparate,
  Tts: tts,
} satisfies Partial<Record<Tag, OperationBuilder>>;
