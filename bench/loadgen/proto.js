// Lean Engine.IO v4 / Socket.IO v5 clients, written for the load generator: no socket.io-client,
// only the frames the scenarios need, parsed with string indexing instead of JSON where it is hot.
//
//   WebSocket:  GET /socket.io/?EIO=4&transport=websocket  ←0{"sid",...}  →40  ←40{"sid"}
//               ←2 →3 (heartbeat)   →42["chat message","…"]   →42<id>["echo",…] ←43<id>[…]
//   Polling:    GET ?EIO=4&transport=polling ←0{…}; POST 40; GET loop; packets joined by \x1e
//   Raw:        a plain WebSocket at a path; text frames only, no handshake, no heartbeat
import http from 'node:http';
import WebSocket from 'ws';
import { now } from './clock.js';
import * as msgpack from './msgpack.js';

const SEP = '\x1e';
const CHAT_PREFIX = '42["chat message","';

/** The frame of a chat message whose text carries the step tag and the send time. */
export function chatFrame(tag, sentAtMs, pad) {
  return `${CHAT_PREFIX}${tag}:${sentAtMs.toFixed(3)}:${pad}"]`;
}

/**
 * Parses a `42["chat message","<tag>:<ms>:…"]` packet (a string) and hands tag and send time to
 * onChat; returns false when the packet is some other event.
 */
function dispatchEvent(s, handlers) {
  if (!s.startsWith(CHAT_PREFIX)) {
    handlers.onOtherEvent?.(s);
    return;
  }
  const start = CHAT_PREFIX.length;
  const c1 = s.indexOf(':', start);
  const c2 = s.indexOf(':', c1 + 1);
  if (c1 < 0 || c2 < 0) {
    handlers.onOtherEvent?.(s);
    return;
  }
  handlers.onChat?.(Number(s.slice(start, c1)), Number(s.slice(c1 + 1, c2)));
}

function dispatchAck(s, handlers) {
  const bracket = s.indexOf('[');
  handlers.onAck?.(Number(s.slice(2, bracket)), s);
}

/** A binary frame of a client with the MessagePack parser: one Socket.IO packet (msgpack.js). */
function onMsgpackPacket(client, frame) {
  let packet;
  try {
    packet = msgpack.decodePacket(frame);
  } catch (e) {
    client.fail(e);
    return;
  }
  const { type, data } = packet;
  if (type === 2) {
    const text = data?.[1];
    const c1 = typeof text === 'string' && data[0] === 'chat message' ? text.indexOf(':') : -1;
    const c2 = c1 < 0 ? -1 : text.indexOf(':', c1 + 1);
    if (c2 < 0) {
      handlers(client).onOtherEvent?.(JSON.stringify(data));
    } else {
      handlers(client).onChat?.(Number(text.slice(0, c1)), Number(text.slice(c1 + 1, c2)));
    }
  } else if (type === 0) {
    client.onNamespaceConnected(`40${JSON.stringify(data ?? {})}`);
  } else if (type === 4) {
    client.fail(new Error(`connect_error ${JSON.stringify(data)}`));
  } else if (type === 1) {
    client.onClosed('server namespace disconnect');
  }
}

const handlers = (client) => client.handlers;

/** When the open packet came, and the heartbeat it announced (pingInterval, pingTimeout in ms). */
function noteOpen(client, s) {
  client.openAt = now();
  try {
    const open = JSON.parse(s.slice(1));
    client.pingInterval = open.pingInterval ?? null;
    client.pingTimeout = open.pingTimeout ?? null;
  } catch {
    // a malformed open packet fails the handshake elsewhere
  }
}

/** Shared by both transports: what one Engine.IO packet means (s is the whole packet). */
function onEnginePacket(client, s) {
  const type = s.charCodeAt(0);
  if (type === 0x34 /* 4 message */) {
    const sio = s.charCodeAt(1);
    if (sio === 0x32 /* 2 event */) {
      dispatchEvent(s, client.handlers);
    } else if (sio === 0x33 /* 3 ack */) {
      dispatchAck(s, client.handlers);
    } else if (sio === 0x30 /* 0 connect */) {
      client.onNamespaceConnected(s);
    } else if (sio === 0x34 /* 4 connect_error */) {
      client.fail(new Error(`connect_error ${s.slice(2)}`));
    } else if (sio === 0x31 /* 1 disconnect */) {
      client.onClosed('server namespace disconnect');
    }
  } else if (type === 0x32 /* 2 ping */) {
    client.pings++;
    client.sendPacket('3');
    // the heartbeat's timing: the gap since the previous ping (the first: since the open packet)
    const t = now();
    const first = !client.lastPingAt;
    const gap = t - (first ? client.openAt : client.lastPingAt);
    client.lastPingAt = t;
    client.handlers.onPing?.(client, gap, first);
  } else if (type === 0x30 /* 0 open */) {
    noteOpen(client, s);
    client.onEngineOpen(s);
  } else if (type === 0x31 /* 1 close */) {
    client.onClosed('server close packet');
  }
  // 6 (noop) and anything else: nothing to do
}

class BaseClient {
  constructor(handlers) {
    this.handlers = handlers;
    this.connected = false;
    this.closed = false;
    this.pings = 0;
    this.openAt = 0; // when the open packet arrived
    this.lastPingAt = 0; // when the last ping arrived
    this.pingInterval = null; // from the open packet
    this.pingTimeout = null;
    this.missedPing = false; // a gap between pings (or since open) above pingInterval + pingTimeout
    this.sid = null;
    this.connectStartedAt = 0;
    this.connectedAt = 0;
    this._resolve = null;
    this._reject = null;
  }

  _pending(timeoutMs) {
    return new Promise((resolve, reject) => {
      this._resolve = resolve;
      this._reject = reject;
      this._timer = setTimeout(() => this.fail(new Error('connect timeout')), timeoutMs);
    });
  }

  onNamespaceConnected(s) {
    if (this.connected) {
      return;
    }
    this.connected = true;
    this.connectedAt = now();
    clearTimeout(this._timer);
    try {
      this.sid = JSON.parse(s.slice(2)).sid;
    } catch {
      // a sid is not needed afterwards
    }
    this._resolve?.(this);
    this._resolve = this._reject = null;
  }

  /** Failure before connecting rejects connect(); afterwards it is a disconnect. */
  fail(error) {
    clearTimeout(this._timer);
    if (this._reject) {
      const reject = this._reject;
      this._resolve = this._reject = null;
      this.close();
      reject(error);
    } else if (!this.closed) {
      this.onClosed(error.message);
    }
  }

  onClosed(reason) {
    if (this.closed) {
      return;
    }
    const wasConnected = this.connected;
    this.closed = true;
    this.connected = false;
    this._teardown();
    if (this._reject) {
      this.fail(new Error(reason));
    } else if (wasConnected) {
      this.handlers.onDisconnect?.(this, reason);
    }
  }

  close() {
    this.closed = true;
    this.connected = false;
    this._teardown();
  }

  sendChat(tag, pad) {
    this.sendChatAt(tag, now(), pad);
  }

  /** Sends a chat message stamped sentAtMs, in the framing of the server's parser. */
  sendChatAt(tag, sentAtMs, pad) {
    if (this.msgpack) {
      this.sendBinary(msgpack.chatFrame(tag, sentAtMs, pad));
    } else {
      this.sendPacket(chatFrame(tag, sentAtMs, pad));
    }
  }
}

/** Socket.IO over WebSocket only, or (raw: true) a plain WebSocket echo of the same frames. */
export class WsClient extends BaseClient {
  /**
   * @param {object} o url (ws://…), localAddress, raw, deflate, msgpack (the server has the
   *   MessagePack parser: Socket.IO packets are binary frames), handlers
   */
  constructor(o) {
    super(o.handlers);
    this.url = o.url;
    this.localAddress = o.localAddress;
    this.raw = !!o.raw;
    this.deflate = !!o.deflate;
    this.msgpack = !!o.msgpack;
    this.ws = null;
  }

  connect(timeoutMs = 30000) {
    this.connectStartedAt = now();
    const pending = this._pending(timeoutMs);
    const options = { perMessageDeflate: this.deflate, handshakeTimeout: timeoutMs, maxPayload: 64 * 1024 * 1024 };
    if (this.localAddress) {
      options.localAddress = this.localAddress;
    }
    const ws = new WebSocket(this.url, options);
    this.ws = ws;
    // the TCP socket, for the bytes it read: what came over the wire, compressed or not, frame
    // headers included (not the TCP/IP headers)
    ws.on('upgrade', (res) => {
      this.socket = res.socket;
    });
    ws.on('open', () => {
      if (this.raw) {
        this.onNamespaceConnected('');
      }
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary && this.msgpack) {
        onMsgpackPacket(this, data);
        return;
      }
      const s = typeof data === 'string' ? data : data.toString();
      if (this.raw) {
        if (s.charCodeAt(1) === 0x32) dispatchEvent(s, this.handlers);
      } else {
        onEnginePacket(this, s);
      }
    });
    ws.on('error', (e) => this.fail(e));
    ws.on('close', (code) => this.onClosed(`websocket closed (${code})`));
    return pending;
  }

  onEngineOpen() {
    if (this.msgpack) {
      this.sendBinary(msgpack.CONNECT_FRAME);
    } else {
      this.sendPacket('40');
    }
  }

  sendBinary(frame) {
    if (this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(frame, { binary: true });
    }
  }

  sendPacket(s) {
    if (this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(s);
    }
  }

  /** Closes with a WebSocket close frame (1000) instead of dropping the TCP connection. */
  closeGracefully() {
    this.closed = true;
    this.connected = false;
    clearTimeout(this._timer);
    try {
      this.ws.close(1000);
    } catch {
      // already gone
    }
  }

  /** Bytes queued in the client's socket (a sign that the server does not read fast enough). */
  buffered() {
    return this.ws ? this.ws.bufferedAmount : 0;
  }

  /** Bytes this client's TCP socket has read so far (the HTTP upgrade's answer included). */
  bytesRead() {
    return this.socket ? this.socket.bytesRead : 0;
  }

  /** Whether the server accepted permessage-deflate (the extension the handshake agreed). */
  deflateNegotiated() {
    return !!this.ws && String(this.ws.extensions || '').includes('permessage-deflate');
  }

  _teardown() {
    clearTimeout(this._timer);
    if (this.ws && this.ws.readyState !== WebSocket.CLOSED) {
      try {
        this.ws.terminate();
      } catch {
        // already gone
      }
    }
  }
}

/** Socket.IO over HTTP long-polling: one GET always pending, POSTs one at a time. */
export class PollingClient extends BaseClient {
  /**
   * @param {object} o host, port, path (/socket.io/), agent (a keep-alive http.Agent), handlers
   */
  constructor(o) {
    super(o.handlers);
    this.host = o.host;
    this.port = o.port;
    this.base = `${o.path || '/socket.io/'}?EIO=4&transport=polling`;
    this.agent = o.agent;
    this.localAddress = o.localAddress;
    this.queue = [];
    this.posting = false;
    this.getRequest = null;
    this.requests = 0;
  }

  _request(method, path, body, onDone) {
    this.requests++;
    const options = { host: this.host, port: this.port, method, path, agent: this.agent };
    if (this.localAddress) {
      options.localAddress = this.localAddress;
    }
    if (body !== undefined) {
      options.headers = { 'content-type': 'text/plain;charset=UTF-8', 'content-length': Buffer.byteLength(body) };
    }
    const req = http.request(options, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => onDone(null, res.statusCode, text));
      res.on('error', (e) => onDone(e));
    });
    req.on('error', (e) => onDone(e));
    req.end(body);
    return req;
  }

  connect(timeoutMs = 30000) {
    this.connectStartedAt = now();
    const pending = this._pending(timeoutMs);
    this._request('GET', this.base, undefined, (err, status, text) => {
      if (err || status !== 200 || text.charCodeAt(0) !== 0x30) {
        this.fail(err || new Error(`handshake HTTP ${status}: ${String(text).slice(0, 80)}`));
        return;
      }
      for (const packet of text.split(SEP)) {
        onEnginePacket(this, packet);
      }
    });
    return pending;
  }

  onEngineOpen(s) {
    try {
      this.sid = JSON.parse(s.slice(1)).sid;
    } catch (e) {
      this.fail(e);
      return;
    }
    this.path = `${this.base}&sid=${encodeURIComponent(this.sid)}`;
    this.sendPacket('40');
    this._poll();
  }

  _poll() {
    if (this.closed) {
      return;
    }
    this.getRequest = this._request('GET', this.path, undefined, (err, status, text) => {
      this.getRequest = null;
      if (this.closed) {
        return;
      }
      if (err || status !== 200) {
        this.fail(err || new Error(`poll HTTP ${status}: ${String(text).slice(0, 80)}`));
        return;
      }
      this.pollsAnswered = (this.pollsAnswered || 0) + 1;
      let from = 0;
      for (;;) {
        const to = text.indexOf(SEP, from);
        onEnginePacket(this, to < 0 ? text.slice(from) : text.slice(from, to));
        if (to < 0 || this.closed) break;
        from = to + 1;
      }
      this._poll();
    });
  }

  sendPacket(s) {
    if (this.closed) {
      return;
    }
    this.queue.push(s);
    if (!this.posting) {
      this._flush();
    }
  }

  _flush() {
    if (this.queue.length === 0 || this.closed) {
      this.posting = false;
      return;
    }
    this.posting = true;
    const body = this.queue.join(SEP);
    this.queue = [];
    this._request('POST', this.path, body, (err, status, text) => {
      if (err || status !== 200) {
        this.fail(err || new Error(`POST HTTP ${status}: ${String(text).slice(0, 80)}`));
        return;
      }
      this._flush();
    });
  }

  buffered() {
    return this.queue.length;
  }

  _teardown() {
    clearTimeout(this._timer);
    if (this.getRequest) {
      this.getRequest.destroy();
      this.getRequest = null;
    }
    this.queue = [];
  }
}

/** One keep-alive agent per worker and source address for the polling clients. */
export function pollingAgent() {
  return new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 4096, scheduling: 'fifo' });
}
