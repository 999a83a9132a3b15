/** Time units and the daily rhythm the generated creation times follow. */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Relative activity by hour of day in China time: busy 9–23 h, quieter after midnight, low at night. */
export const hourWeight = (chinaHour: number) => (chinaHour >= 9 && chinaHour <= 23 ? 1 : chinaHour < 2 ? 0.6 : 0.25);

export const chinaHourOf = (ms: number) => new Date(ms + 8 * HOUR).getUTCHours();
