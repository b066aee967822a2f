/** Whether a failed status may succeed later: a network error or timeout (0), 408, 425, 429, or a 5xx other than 501 and 505. */
export const retryable = (s: number) =>
  s === 0 || s === 408 || s === 425 || s === 429 || (s >= 500 && s !== 501 && s !== 505);
