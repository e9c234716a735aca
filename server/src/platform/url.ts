/** Host part of the public URL, used as the right-hand side of Message-IDs. */
export const domainFromUrl = (url: string): string => new URL(url).hostname || 'heard.local';
