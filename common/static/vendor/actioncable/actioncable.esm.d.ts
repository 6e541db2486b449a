// Types for the part of actioncable.esm.js that OneChat calls, so `tsc` checks
// the callers without type-checking the vendored file itself.

export interface Subscription {
  identifier: string;
  perform(action: string, data?: object): boolean;
  unsubscribe(): void;
}

export interface SubscriptionMixin {
  connected?(this: Subscription): void;
  disconnected?(this: Subscription): void;
  rejected?(this: Subscription): void;
  received?(this: Subscription, data: any): void;
}

export interface Connection {
  isOpen(): boolean;
  reopen(): void;
  close(options?: { allowReconnect?: boolean }): void;
  getProtocol(): string;
}

export interface Consumer {
  connection: Connection;
  subscriptions: {
    create(params: string | object, mixin?: SubscriptionMixin): Subscription;
  };
  disconnect(): void;
}

export function createConsumer(url?: string): Consumer;
