// The only addresses a rendered email links to: web pages and mail addresses. Anything else
// (javascript:, data:, a relative path, a URL with spaces or control characters that a mail
// client might repair into something else) is shown as text, never made clickable.

const safeLinkUrl = /^(?:https?:\/\/[^\s/?#<>"'`\\]+[^\s<>"'`\\]*|mailto:[^\s<>"'`\\]+)$/i;
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/;

export function isSafeLinkUrl(url: string): boolean {
  return safeLinkUrl.test(url) && !controlCharacters.test(url);
}
