import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * System tools the tests call (poppler, CUPS, zbar). A missing tool fails the test with the way to fix
 * it, never skips it silently.
 */

const INSTALL_HINT = 'run scripts/install-system-deps.sh (as root or with sudo) to install the system packages the tests need';

export function hasTool(tool: string): boolean {
  const candidates = isAbsolute(tool)
    ? [tool]
    : (process.env.PATH ?? '')
        .split(delimiter)
        .concat(['/usr/sbin', '/sbin'])
        .filter(Boolean)
        .map((dir) => join(dir, tool));
  return candidates.some((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Throws (failing the test) when any tool is missing, naming them and the install script. */
export function requireTools(...tools: string[]): void {
  const missing = tools.filter((t) => !hasTool(t));
  if (missing.length > 0) throw new Error(`missing system tool(s): ${missing.join(', ')}: ${INSTALL_HINT}`);
}

export interface ToolResult {
  stdout: string;
  stderr: string;
}

/** Runs a tool without a shell; rejects with its stderr on a non-zero exit. */
export function runTool(tool: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      tool,
      args,
      { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C', LANG: 'C', ...options.env } },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const hint = code === 'ENOENT' ? ` (${INSTALL_HINT})` : '';
          reject(new Error(`${tool} ${args.join(' ')} failed: ${stderr.trim() || error.message}${hint}`));
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
