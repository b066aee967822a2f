import type { Strings } from './en.js';

/** Japanese UI strings (see en.ts for what each key is). Polite です/ます style. */
export const ja: Strings = {
  label: 'フィードバックアンケート',
  consentTitle: '簡単な質問に1つだけお答えいただけますか？',
  consentText:
    '数秒で終わり、回答は匿名です。同意いただいた場合、スコア、任意のコメント、言語、ページのパス、ご利用のデバイスの種類が{host}に送信されます。送信されるまで、回答はこのデバイスに最大{days}日間保存されます。',
  hostApp: 'このアプリ',
  hostOwner: 'サイトの運営者',
  policy: 'プライバシーポリシー',
  yes: 'はい、回答します',
  no: 'いいえ、結構です',
  question: '{brand}を友人や同僚におすすめする可能性はどのくらいありますか？',
  brand: '当サービス',
  low: 'まったく可能性がない',
  high: '非常に可能性が高い',
  next: '次へ',
  close: '閉じる',
  promoter: '特に気に入っている点は何ですか？',
  passive: 'どうすれば10点になりますか？',
  detractor: '残念だった点と、改善すべき点を教えてください。',
  commentHint: '任意です。名前、メールアドレス、その他の個人情報は記入しないでください。',
  counter: '{count} / {max} 文字',
  send: '送信',
  skip: 'スキップ',
  thanks: 'ありがとうございました！',
  thanksText: 'いただいた回答は今後の改善に役立てます。',
  failed: '回答を保存できませんでした',
  failedText: 'このデバイスに保存できなかったため、何も送信されていません。申し訳ありません。',
};
