/**
 * One renderer's WebSocket to the browser host: contract requests and events, and
 * the renderer's exposed storage for main's database. Mirrors what Electron's IPC
 * carries, frame for frame (shared/contract/wire.ts). Node-only.
 */
import { Subject } from 'rxjs';
import type { WebSocket } from 'ws';
import type { MessageFromRemote } from 'rxdb/plugins/storage-remote';
import { decodeFrame, encodeFrame, type WireFrame } from '../../shared/contract/index.js';
import { answerRequest } from '../services/dispatch.js';
import type { MainServices } from '../services/main-services.js';
import type { StorageLink } from '../services/database/storage-link.js';

export function attachSocketSession(socket: WebSocket, services: MainServices, log: (line: string) => void): void {
  const send = (frame: WireFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(encodeFrame(frame));
  };
  const answers = new Subject<MessageFromRemote>();
  const link: StorageLink = {
    send: (msg) => send({ t: 'storage-call', msg }),
    messages$: answers.asObservable(),
  };
  let attached = false;

  const eventsSub = services.events$.subscribe(({ channel, payload }) => send({ t: 'evt', channel, payload }));

  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    const frame = decodeFrame(data.toString());
    if (!frame) return;
    switch (frame.t) {
      case 'req':
        answerRequest(services.handlers, frame.channel, frame.input).then(
          (value) => send({ t: 'res', id: frame.id, ok: true, value }),
          (err: unknown) => send({ t: 'res', id: frame.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
        );
        break;
      case 'storage-answer':
        answers.next(frame.msg);
        break;
      case 'storage-ready':
        attached = true;
        services.hub.attach(link).catch((err: unknown) => log(`could not open the desk's database: ${String(err)}`));
        break;
      default:
        break;
    }
  });

  socket.on('close', () => {
    eventsSub.unsubscribe();
    answers.complete();
    // Only this socket's database handle is dropped; a newer renderer keeps its own.
    if (attached && services.hub.isAttachedTo(link)) void services.hub.detach();
  });
}
