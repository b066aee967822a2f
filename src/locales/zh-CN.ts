import type { Strings } from './en.js';

/** Simplified Chinese UI strings (see en.ts for what each key is). Polite 您. */
export const zhCN: Strings = {
  label: '反馈调查',
  consentTitle: '可以问您一个简短的问题吗？',
  consentText:
    '只需几秒钟，且匿名进行。如果您同意，您的评分、可选的评论、您的语言、页面路径以及您使用的设备类型将发送至{host}。在此之前，回答会保存在本设备上，最长 {days} 天。',
  hostApp: '此应用',
  hostOwner: '网站所有者',
  policy: '隐私政策',
  yes: '好的，我来回答',
  no: '不用了，谢谢',
  question: '您向朋友或同事推荐{brand}的可能性有多大？',
  brand: '我们',
  low: '完全不可能',
  high: '极有可能',
  next: '下一步',
  close: '关闭',
  promoter: '您最喜欢哪一点？',
  passive: '怎样才能让您打 10 分？',
  detractor: '哪些地方让您失望？我们应该如何改进？',
  commentHint: '选填。请勿填写姓名、电子邮箱或其他个人信息。',
  counter: '{count} / {max} 字符',
  send: '提交',
  skip: '跳过',
  thanks: '感谢您的反馈！',
  thanksText: '您的回答将帮助我们不断改进。',
  failed: '无法保存您的回答',
  failedText: '此设备无法存储该回答，因此未发送任何内容。非常抱歉。',
};
