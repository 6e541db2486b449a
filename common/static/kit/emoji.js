// @ts-check
// The emoji the composers offer: everyday faces, gestures and symbols of a
// support chat. Each is a Unicode character, drawn by the reader's own fonts;
// screen readers say its Unicode name.
export const EMOJI = [
  "😀", "😃", "😄", "😁", "😅", "😂", "🙂", "😉", "😊", "😍", "😘", "😎",
  "🤔", "😐", "😕", "😟", "😢", "😭", "😮", "😴", "🙄", "😬", "😇", "🤗",
  "👍", "👎", "👏", "🙌", "🙏", "👋", "👌", "✌️", "💪", "🤝", "👀", "🎉",
  "❤️", "💙", "💚", "🔥", "⭐", "✨", "✅", "❌", "⚠️", "❓", "💡", "📎",
  "📞", "📧", "📦", "🚚", "💳", "🛒", "🕒", "📅", "🔒", "🔑", "🐛", "🚀",
];
