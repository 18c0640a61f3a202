export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;
export type Logger = Record<LogLevel, (message: string, fields?: LogFields) => void>;

const severity: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LoggerOptions = {
  format: 'json' | 'pretty';
  level: LogLevel;
  /** Where each finished line goes; stdout by default, an array in tests. */
  write?: (line: string) => void;
};

/** One line per event: JSON for log collectors, or a short readable form for a terminal. */
export function createLogger({
  format,
  level,
  write = (line) => process.stdout.write(`${line}\n`),
}: LoggerOptions): Logger {
  const log =
    (lineLevel: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      if (severity[lineLevel] < severity[level]) return;
      const time = new Date().toISOString();
      write(
        format === 'json'
          ? JSON.stringify({ time, level: lineLevel, msg: message, ...fields })
          : [message, ...Object.entries(fields).map(([key, value]) => `${key}=${pretty(value)}`)].join(' '),
      );
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function pretty(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** An error as plain fields for a log line (name, message and stack; the cause when there is one). */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: String(error) };
  return {
    error: {
      name: error.name,
      message: error.message,
      stack: error.stack,
      ...(error.cause !== undefined ? { cause: String(error.cause) } : {}),
    },
  };
}
