/** Longest customer message, in characters (the operator may lower it with MESSAGE_MAX_CHARS). */
export const MAX_MESSAGE_CHARS = 4000;
