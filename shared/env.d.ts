/**
 * The few globals shared/ relies on that every runtime we target provides
 * (Chromium renderer, Node 20+ main process and server). Declared here because
 * shared/ compiles with neither DOM nor Node types on purpose.
 */
declare global {
  // Web Crypto's randomUUID: Chromium (secure contexts) and Node >= 19 as a global.
  var crypto: { randomUUID(): string };
  // The WHATWG URL parser: Chromium and Node both have it as a global.
  var URL: new (input: string) => {
    readonly protocol: string; readonly origin: string; readonly host: string; readonly hostname: string;
    readonly username: string; readonly password: string;
  };
}
export {};
