import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A worker process started by {@link startWorker}. */
export interface WorkerProcess {
  readonly pid: number;
  /** Where the worker serves `GET /metrics` and `GET /health` (`http://127.0.0.1:<port>`). */
  readonly url: string;
  readonly child: ChildProcess;
  /** Sends SIGTERM and waits for the exit. */
  stop(): Promise<void>;
  /** What the worker wrote to stderr so far (also passed through to this process's stderr). */
  stderr(): string;
}

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url).href.replace('/src/', '/dist/'));

/** Starts `node dist/worker.js` with the given environment and resolves once it reports ready. */
export function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [WORKER], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker did not start within 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`worker exited with code ${code} before it was ready`)));
    child.stdout.on('data', (chunk: Buffer) => {
      const ready = /ready on (http:\/\/\S+)/.exec(chunk.toString());
      if (!ready) return;
      clearTimeout(timer);
      resolve({
        pid: child.pid!,
        url: ready[1],
        child,
        stderr: () => stderr,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
