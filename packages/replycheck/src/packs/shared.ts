/** Emoji that laugh or wink: laughter in writing, whatever the language. */
export const LAUGHING_EMOJI = '=😂|=🤣|=😆|=😅|=😜|=😝|=😛|=😹|=:d|=xd|=:p|=;p|=;)|=;-)';
