// The callable API client lives in @taizhang/client; this entry stays for importers not yet moved.
export * from '@taizhang/client';
