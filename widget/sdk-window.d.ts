// What the embed SDK (static/widget/sdk.js) shares with the host page through
// `window`, declared for `tsc`: the settings it reads and the API it leaves.

interface Window {
  onechatSettings?: Record<string, any>;
  onechatSDK?: { run(options: { baseUrl: string; websiteToken: string }): void };
  $onechat?: Record<string, (...args: any[]) => any>;
}
