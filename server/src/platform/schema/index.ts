export * from './cases.ts';
export * from './commitments.ts';
export * from './customers.ts';
export * from './email.ts';
export * from './identity.ts';
export * from './imap.ts';
export * from './platform.ts';
export * from './replycheck.ts';
