// The parts of two packages without types of their own that OneChat's Node
// scripts use (tests/js, tests/kit, bench/client.js), declared for `tsc --strict`.
// Each script that imports one says `/// <reference path=".../untyped_packages.d.ts" />`.

declare module "ws" {
  /** A WebSocket client for Node (the `ws` package). */
  class WebSocket {
    static readonly OPEN: number;
    constructor(
      url: string,
      protocols?: string | string[],
      options?: { perMessageDeflate?: boolean; handshakeTimeout?: number; localAddress?: string },
    );
    readonly readyState: number;
    send(data: string): void;
    /** Stop reading from the socket (its buffers fill up). */
    pause(): void;
    close(): void;
    /** Drop the connection at once. */
    terminate(): void;
    on(event: "message", listener: (data: Buffer) => void): this;
    on(event: "error", listener: (error: Error & { code?: string }) => void): this;
    on(event: "open" | "close", listener: () => void): this;
  }
  export = WebSocket;
}

declare module "@rails/actioncable" {
  interface Subscription {
    perform(action: string, data?: object): boolean;
  }
  interface SubscriptionCallbacks {
    connected?(): void;
    disconnected?(): void;
    rejected?(): void;
    received?(data: any): void;
  }
  interface Consumer {
    connection: { getProtocol(): string };
    subscriptions: { create(params: object, callbacks: SubscriptionCallbacks): Subscription };
    disconnect(): void;
  }
  /** Rails' ActionCable client. */
  export function createConsumer(url: string): Consumer;
}
