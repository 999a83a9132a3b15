/**
 * Word pools for the synthetic data set: object keys, recognised speech, tags, failure reasons.
 *
 * Kept apart from the generators so the generators read as structure and this file as content.
 * Object keys deliberately include spaces, `+`, `&`, quotes, brackets, Chinese characters and deep
 * folders: exactly the keys that break naive URL-encoding, signing and XML escaping downstream.
 */

export const FOLDERS = [
  'input/',
  'uploads/2025/11/',
  'media/raw/',
  'vod/课程/2025秋季/',
  'live-archive/room 12/',
  'ugc/user_10293/',
  'marketing/campaign+q4/',
  '素材/宣传片/',
  'events/2025/keynote/day 2/',
  'archive/legacy (do not delete)/',
  '',
] as const;

export const VIDEO_STEMS = [
  'demo',
  'product launch keynote',
  '产品发布会 主会场',
  'vlog+travel day 3',
  'interview_ceo_final(2)',
  '第01讲 导论',
  'match highlights 4K',
  'cat & dog',
  '年会彩排',
  'tutorial-episode-07',
  "customer's story",
  'drone_shot_0042',
  '直播回放 2025-11-02',
  'meeting recording',
  'ad_spot_v3+subs',
  '开箱视频【新品】',
  'wedding_teaser',
  'GOPR0193',
  'IMG_4821',
  'lecture 12 - graph theory',
] as const;

export const VIDEO_EXTS = ['mp4', 'mp4', 'mp4', 'mov', 'mkv', 'flv', 'ts', 'webm'] as const;
export const AUDIO_STEMS = [
  'podcast ep 42',
  '客服录音_0917',
  'voice memo',
  'earnings call Q3',
  '采访录音 张老师',
  'song_demo+vocals',
  'meeting 2025-11-20',
  'audiobook ch01',
] as const;
export const AUDIO_EXTS = ['mp3', 'wav', 'm4a', 'aac', 'flac'] as const;
export const IMAGE_STEMS = [
  'banner_home',
  '商品主图 01',
  'avatar+frame',
  'poster final',
  'IMG_20251103_101522',
  'screenshot (3)',
  '门店照片/外景',
] as const;
export const IMAGE_EXTS = ['jpg', 'jpg', 'png', 'webp', 'heic', 'gif'] as const;
export const TEXT_STEMS = [
  'user manual v2',
  '产品说明书',
  'release notes',
  'contract draft',
  '新闻稿 11月',
  'FAQ',
] as const;
export const TEXT_EXTS = ['docx', 'txt', 'pdf', 'pptx', 'xlsx'] as const;

export const USER_DATA = [
  'This is my data.',
  '{"orderId":"A1029","tenant":"acme"}',
  'batch=2025-11&priority=high',
  '<callback-ctx id="42"/>',
  '用户自定义数据',
  '',
] as const;

export const ENGLISH_SENTENCES = [
  'Welcome everyone to the quarterly product review.',
  'Today we are going to walk through the new transcoding pipeline.',
  'Please make sure your microphone is muted when you are not speaking.',
  'The latency dropped by about forty percent after the migration.',
  'Let us take a short break and come back at three o’clock.',
  'Our next speaker will talk about video quality metrics.',
  'Thanks for calling, how can I help you today?',
  'The package should arrive within two business days.',
  'Could you repeat the last number, please?',
  'We expect the rollout to finish by the end of next week.',
] as const;

/** Pre-segmented (space between words) so recognition results carry real word boundaries. */
export const CHINESE_SENTENCES = [
  '大家 好 ， 欢迎 收看 本期 节目 。',
  '今天 我们 来 聊一聊 视频 转码 的 最佳 实践 。',
  '请 您 稍等 ， 我 帮 您 查询 一下 订单 状态 。',
  '这 款 新产品 将 在 下个月 正式 发布 。',
  '会议 将 在 十分钟 后 开始 ， 请 大家 准时 参加 。',
  '感谢 您 的 耐心 等待 ， 祝 您 生活 愉快 。',
  '接下来 请 看 本场 比赛 的 精彩 集锦 。',
  '本节课 我们 学习 图论 中 的 最短 路径 算法 。',
] as const;

export const TTS_TEXTS = [
  '您好，欢迎致电腾讯云客服中心。',
  'Your order has been shipped and will arrive tomorrow.',
  '本次列车即将到达终点站，请带好随身物品。',
  'Thank you for listening to this episode.',
] as const;

export const VIDEO_TAGS = [
  ['篮球', '运动'],
  ['足球', '运动'],
  ['室内', '场景'],
  ['城市夜景', '场景'],
  ['美食', '生活'],
  ['舞蹈', '娱乐'],
  ['汽车', '物体'],
  ['猫', '动物'],
  ['演讲', '事件'],
  ['Concert', 'Entertainment'],
  ['Beach', 'Scene'],
  ['Laptop', 'Object'],
] as const;

export const PERSON_NAMES = ['张伟', '李娜', 'Alex Chen', '王芳', 'Maria Lopez'] as const;

/** Pre-tokenised sentences for WordsGeneralize: [word, part-of-speech] pairs and entity labels. */
export const WORDS_SAMPLES: readonly {
  tokens: readonly (readonly [string, string])[];
  labels: readonly (readonly [string, string])[];
}[] = [
  {
    tokens: [
      ['腾讯云', 'nt'],
      ['在', 'p'],
      ['深圳', 'ns'],
      ['发布', 'v'],
      ['了', 'ul'],
      ['新', 'a'],
      ['产品', 'n'],
    ],
    labels: [
      ['ORG', '腾讯云'],
      ['LOC', '深圳'],
    ],
  },
  {
    tokens: [
      ['张伟', 'nr'],
      ['明天', 't'],
      ['去', 'v'],
      ['北京', 'ns'],
      ['出差', 'v'],
    ],
    labels: [
      ['PER', '张伟'],
      ['TIME', '明天'],
      ['LOC', '北京'],
    ],
  },
  {
    tokens: [
      ['2025年', 't'],
      ['11月', 't'],
      ['的', 'uj'],
      ['销售额', 'n'],
      ['增长', 'v'],
      ['了', 'ul'],
      ['百分之二十', 'm'],
    ],
    labels: [['TIME', '2025年11月']],
  },
];

export const LANGS = ['en', 'zh', 'ja', 'ko', 'fr', 'de', 'es'] as const;

export const PIC_RULES = [
  'imageMogr2/thumbnail/!50p',
  'imageMogr2/format/webp/quality/85',
  'imageMogr2/crop/600x600/gravity/center',
  'imageMogr2/rotate/90|imageMogr2/format/png',
  'watermark/2/text/5pWw5o2u5LiH6LGh/fill/I0ZGRkZGRg/fontsize/36/dissolve/80',
] as const;

export interface FailureReason {
  code: string;
  message: string;
  weight: number;
  /** Fails before any work is done (checks of the input, permissions, template): at once, at 0 %. */
  atStart?: boolean;
}

/** Failures of reading the input object: only jobs that have one meet them. */
export const INPUT_FAILURES: readonly FailureReason[] = [
  { code: 'ResourceNotFound', message: 'The input object does not exist.', weight: 6, atStart: true },
  { code: 'InvalidInput', message: 'the input object does not exist', weight: 2, atStart: true },
  {
    code: 'ResourceDownloadFailed',
    message: 'Failed to download the input file: connection reset by peer.',
    weight: 2,
  },
  { code: 'ResourceDownloadFailed', message: 'Download of the input file timed out after 600 seconds.', weight: 1 },
  {
    code: 'ResourceAccessDenied',
    message: 'CI has no permission to read the input object; check the bucket policy for CI_QCSRole.',
    weight: 1,
    atStart: true,
  },
];

/** Failures of the platform itself: any job can meet them. */
export const PLATFORM_FAILURES: readonly FailureReason[] = [
  {
    code: 'CIRoleNotExist',
    message: 'The service role CI_QCSRole does not exist. Authorize CI in the console first.',
    weight: 1,
    atStart: true,
  },
  { code: 'InternalError', message: 'Internal error, please try again later.', weight: 2 },
];

/** Only a job that names a template can name a missing one (its Operation then carries the TemplateId). */
export const TEMPLATE_FAILURE: FailureReason = {
  code: 'InvalidArgument',
  message: 'The specified TemplateId does not exist.',
  weight: 1,
  atStart: true,
};

/** Reading the video: every tag that takes a video. */
export const DECODE_FAILURES: readonly FailureReason[] = [
  { code: 'InvalidInput', message: 'The input file has no video stream.', weight: 3 },
  { code: 'InvalidInput', message: 'The input file is not a valid media file: moov atom not found.', weight: 2 },
  { code: 'TranscodeFailed', message: 'Decoding failed at 00:12:31.440: invalid NAL unit size.', weight: 2 },
];

/** Writing the output: only tags that produce a media file. */
export const ENCODE_FAILURES: readonly FailureReason[] = [
  {
    code: 'TranscodeFailed',
    message: 'Encoding failed: the output resolution exceeds the limit of the codec.',
    weight: 1,
  },
];

export const UPLOAD_FAILURES: readonly FailureReason[] = [
  {
    code: 'ResourceUploadFailed',
    message: 'Failed to upload the output file: the destination bucket does not exist.',
    weight: 1,
  },
];

export const AUDIO_FAILURES: readonly FailureReason[] = [
  { code: 'InvalidInput', message: 'The input file has no audio stream.', weight: 3 },
  { code: 'InvalidInput', message: 'The audio duration exceeds the limit of 5 hours.', weight: 1 },
];

export const ASR_FAILURES: readonly FailureReason[] = [
  { code: 'AsrFailed', message: 'Speech recognition failed: unsupported sample rate 11025 Hz.', weight: 1 },
];

export const PIC_FAILURES: readonly FailureReason[] = [
  { code: 'InvalidInput', message: 'The input image format is not supported.', weight: 2 },
  { code: 'InvalidInput', message: 'The input image exceeds the 32 MB size limit.', weight: 1 },
  { code: 'InvalidArgument', message: 'Invalid ProcessRule: unknown operation imageMogr3.', weight: 1 },
];

/** Text in (translation, segmentation, speech synthesis). */
export const TEXT_FAILURES: readonly FailureReason[] = [
  { code: 'InvalidInput', message: 'The input text is empty.', weight: 2 },
];

export const TRANSLATION_FAILURES: readonly FailureReason[] = [
  { code: 'InvalidArgument', message: 'Unsupported language pair: ko to ar.', weight: 1 },
];

export const TTS_FAILURES: readonly FailureReason[] = [
  { code: 'InvalidArgument', message: 'The text exceeds the limit of 10,000 characters.', weight: 1 },
];
