// socket.io-msgpack-parser framing for the load generator (the server's `parser` option set to
// it; Jakartio: jakartio.parser=msgpack): every Socket.IO packet is one binary WebSocket frame,
// the MessagePack map {type, data, id, nsp}. Written here on the MessagePack specification, for
// the few shapes the scenarios need: no dependency.

/** {type: 0, nsp: '/'}: CONNECT to the main namespace. */
export const CONNECT_FRAME = Buffer.from('82a47479706500a36e7370a12f', 'hex');

// {type: 2, data: ['chat message', <text>], nsp: '/'} around the text
const CHAT_HEAD = Buffer.from('83a47479706502a46461746192ac63686174206d657373616765', 'hex');
const NSP_TAIL = Buffer.from('a36e7370a12f', 'hex');

function strHeader(length) {
  if (length < 0x20) return Buffer.from([0xa0 | length]);
  if (length < 0x100) return Buffer.from([0xd9, length]);
  if (length < 0x10000) return Buffer.from([0xda, length >> 8, length & 0xff]);
  return Buffer.from([0xdb, length >>> 24, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff]);
}

/** The binary frame of a chat message whose text carries the step tag and the send time. */
export function chatFrame(tag, sentAtMs, pad) {
  const text = Buffer.from(`${tag}:${sentAtMs.toFixed(3)}:${pad}`, 'utf8');
  return Buffer.concat([CHAT_HEAD, strHeader(text.length), text, NSP_TAIL]);
}

/** Reads one MessagePack value from buf at pos.i (maps, arrays, strings, numbers, nil, booleans, bin; ext as undefined). */
function read(buf, pos) {
  const b = buf[pos.i++];
  if (b <= 0x7f) return b;
  if (b >= 0xe0) return b - 0x100;
  if (b <= 0x8f) return readMap(buf, pos, b & 0x0f);
  if (b <= 0x9f) return readArray(buf, pos, b & 0x0f);
  if (b <= 0xbf) return readStr(buf, pos, b & 0x1f);
  switch (b) {
    case 0xc0: return null;
    case 0xc2: return false;
    case 0xc3: return true;
    case 0xc4: return readBin(buf, pos, buf[pos.i++]);
    case 0xc5: { const n = buf.readUInt16BE(pos.i); pos.i += 2; return readBin(buf, pos, n); }
    case 0xc6: { const n = buf.readUInt32BE(pos.i); pos.i += 4; return readBin(buf, pos, n); }
    case 0xcb: { const v = buf.readDoubleBE(pos.i); pos.i += 8; return v; }
    case 0xcc: return buf[pos.i++];
    case 0xcd: { const v = buf.readUInt16BE(pos.i); pos.i += 2; return v; }
    case 0xce: { const v = buf.readUInt32BE(pos.i); pos.i += 4; return v; }
    case 0xcf: { const v = Number(buf.readBigUInt64BE(pos.i)); pos.i += 8; return v; }
    case 0xd0: return buf.readInt8(pos.i++);
    case 0xd1: { const v = buf.readInt16BE(pos.i); pos.i += 2; return v; }
    case 0xd2: { const v = buf.readInt32BE(pos.i); pos.i += 4; return v; }
    case 0xd3: { const v = Number(buf.readBigInt64BE(pos.i)); pos.i += 8; return v; }
    // fixext 1: notepack.io (Node's socket.io-msgpack-parser) writes undefined as d4 00 00, e.g. an
    // absent id; other extensions (timestamps...) are skipped as undefined too
    case 0xd4: return readExt(buf, pos, 1);
    case 0xd5: return readExt(buf, pos, 2);
    case 0xd6: return readExt(buf, pos, 4);
    case 0xd7: return readExt(buf, pos, 8);
    case 0xd8: return readExt(buf, pos, 16);
    case 0xc7: return readExt(buf, pos, buf[pos.i++]);
    case 0xd9: return readStr(buf, pos, buf[pos.i++]);
    case 0xda: { const n = buf.readUInt16BE(pos.i); pos.i += 2; return readStr(buf, pos, n); }
    case 0xdb: { const n = buf.readUInt32BE(pos.i); pos.i += 4; return readStr(buf, pos, n); }
    case 0xdc: { const n = buf.readUInt16BE(pos.i); pos.i += 2; return readArray(buf, pos, n); }
    case 0xde: { const n = buf.readUInt16BE(pos.i); pos.i += 2; return readMap(buf, pos, n); }
    default: throw new Error(`MessagePack format 0x${b.toString(16)} not read by the load generator`);
  }
}

function readStr(buf, pos, n) {
  const s = buf.toString('utf8', pos.i, pos.i + n);
  pos.i += n;
  return s;
}

function readExt(buf, pos, n) {
  pos.i += 1 + n; // the type byte, then the data
  return undefined;
}

function readBin(buf, pos, n) {
  const v = buf.subarray(pos.i, pos.i + n);
  pos.i += n;
  return v;
}

function readArray(buf, pos, n) {
  const a = new Array(n);
  for (let k = 0; k < n; k++) a[k] = read(buf, pos);
  return a;
}

function readMap(buf, pos, n) {
  const m = {};
  for (let k = 0; k < n; k++) {
    const key = read(buf, pos);
    m[key] = read(buf, pos);
  }
  return m;
}

/** @returns the packet {type, data, id, nsp} of a binary frame */
export function decodePacket(buf) {
  return read(buf, { i: 0 });
}
