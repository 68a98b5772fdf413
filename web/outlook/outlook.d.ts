// Declarations for `tsc` (tsconfig.json) over the Outlook add-in; not shipped. Office.js as the
// add-in uses it, written from Microsoft's documentation of the Mailbox API (only the members the
// add-in touches), and the modules scripts/build-outlook.mjs supplies when it bundles the add-in.

/** The result every Office.js `...Async` call passes to its callback. */
interface OfficeAsyncResult<T = any> {
  status: string;
  value: T;
  error?: { message?: string };
}

type OfficeCallback<T = any> = (result: OfficeAsyncResult<T>) => void;

/** A recipient as Office.js gives and takes it. */
interface OfficeRecipient {
  displayName?: string;
  emailAddress?: string;
}

/** A recipient field of the compose item (`to`, `cc`, `bcc`). */
interface OfficeRecipients {
  getAsync(callback: OfficeCallback<OfficeRecipient[]>): void;
  setAsync(recipients: OfficeRecipient[], callback: OfficeCallback<void>): void;
}

/** The message being composed. */
interface OfficeComposeItem {
  to: OfficeRecipients;
  cc: OfficeRecipients;
  bcc: OfficeRecipients;
  from?: { getAsync(callback: OfficeCallback<OfficeRecipient>): void };
  subject: { getAsync(callback: OfficeCallback<string>): void; setAsync(subject: string, callback: OfficeCallback<void>): void };
  body: { getAsync(coercion: string, callback: OfficeCallback<string>): void };
  getAttachmentsAsync(callback: OfficeCallback<{ name?: string; size?: number }[]>): void;
  notificationMessages: {
    replaceAsync(key: string, message: { type: string; message: string }, callback: OfficeCallback<void>): void;
  };
}

/** What Outlook passes to a function command or an event handler. */
interface OfficeAddinEvent {
  completed(options?: object): void;
}

declare const Office: {
  context: { displayLanguage?: string; mailbox: { item: OfficeComposeItem } };
  AsyncResultStatus: { Succeeded: string; Failed: string };
  CoercionType: { Text: string };
  MailboxEnums: {
    SendModeOverride: { PromptUser: string };
    ItemNotificationMessageType: { ErrorMessage: string };
  };
  actions: { associate(name: string, handler: (event: OfficeAddinEvent) => unknown): void };
};

/** wasm-bindgen's glue of the add-in's core build (target/outlook/core/zorgvuldig.js): the same
 *  API as the core's package in web/pkg/core. */
declare module "zorgvuldig:glue" {
  export default function init(options: { module_or_path: BufferSource }): Promise<unknown>;
  export const Engine: typeof import("../pkg/core/zorgvuldig.js").Engine;
}

/** The core's .wasm as base64. */
declare module "zorgvuldig:wasm" {
  export const WASM_BASE64: string;
}

/** binaryen's wasm2js translation of the same .wasm: `instantiate(imports)` gives its exports. */
declare module "zorgvuldig:wasm2js" {
  export function instantiate(imports: object): WebAssembly.Exports;
}

/** The organisation's policy, baked in by the build. */
declare module "zorgvuldig:policy" {
  export const POLICY: { language?: string; failMode?: string; [key: string]: unknown };
}
