// Imported first by a test file that inspects the logs: every level is logged, so that a secret
// written at any level would be seen. The previous level is kept for the files that follow.
export const previousLogLevel = process.env.LOG_LEVEL;
process.env.LOG_LEVEL = 'trace';
