// Minimal GGUF v3 writer: enough of the format to emit test models (F32, F16, Q8_0) that llama.cpp loads.
import { closeSync, openSync, writeSync } from "node:fs";

const GGUF_MAGIC = 0x46554747; // "GGUF" little-endian
const ALIGNMENT = 32;
/** Tensors are streamed to the file in chunks of about 1 MiB (whole Q8_0 blocks), never held whole. */
const CHUNK_VALUES = 1 << 20;
const CHUNK_BYTES = (CHUNK_VALUES / 32) * 34;

/** GGUF metadata value types (gguf.h). */
const enum ValueType {
  UINT32 = 4,
  INT32 = 5,
  FLOAT32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
}

/** ggml tensor types we emit. */
export const enum TensorType {
  F32 = 0,
  F16 = 1,
  /** Blocks of 32 values: an f16 scale d = max|x| / 127, then 32 int8 q = round(x / d). */
  Q8_0 = 8,
}

const Q8_0_BLOCK = 32;
const Q8_0_BLOCK_BYTES = 2 + Q8_0_BLOCK;

export type MetaValue =
  | { type: "u32"; value: number }
  | { type: "f32"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "string"; value: string }
  | { type: "string[]"; value: readonly string[] }
  | { type: "i32[]"; value: readonly number[] }
  | { type: "f32[]"; value: readonly number[] };

/**
 * Fills `out` with the tensor's encoded bytes from byte `offset` on; the writer calls it with
 * consecutive ranges, in order, each a whole number of Q8_0 blocks. For tensors whose values need
 * not be held (random weights), so that even a 200M-value table is never built in memory.
 */
export type ByteSource = (out: Uint8Array, offset: number) => void;

export interface TensorSpec {
  name: string;
  /** ggml order: dims[0] is the fastest-varying dimension. */
  dims: readonly number[];
  type: TensorType;
  /** The values, or a source of their encoded bytes. */
  data: Float32Array | ByteSource;
}

class ByteSink {
  private chunks: Buffer[] = [];
  length = 0;
  push(buf: Buffer): void {
    this.chunks.push(buf);
    this.length += buf.length;
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  f32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  str(s: string): void {
    const bytes = Buffer.from(s, "utf8");
    this.u64(bytes.length);
    this.push(bytes);
  }
  /** A numeric array's payload in one piece (little-endian, as typed arrays are on every platform we run). */
  typed(values: Int32Array | Float32Array): void {
    this.push(Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  }
  padTo(alignment: number): void {
    const pad = (alignment - (this.length % alignment)) % alignment;
    if (pad > 0) this.push(Buffer.alloc(pad));
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** A string array's payload in one buffer: a vocabulary has 262,144 of them. */
function stringArray(values: readonly string[]): Buffer {
  const lengths = values.map((s) => Buffer.byteLength(s, "utf8"));
  const out = Buffer.alloc(lengths.reduce((sum, n) => sum + 8 + n, 0));
  let o = 0;
  values.forEach((s, i) => {
    o = out.writeUInt32LE(lengths[i]!, o); // u64 length: low word, then a zero high word
    o = out.writeUInt32LE(0, o);
    o += out.write(s, o, "utf8");
  });
  return out;
}

function writeMeta(sink: ByteSink, key: string, meta: MetaValue): void {
  sink.str(key);
  switch (meta.type) {
    case "u32":
      sink.u32(ValueType.UINT32);
      sink.u32(meta.value);
      break;
    case "f32":
      sink.u32(ValueType.FLOAT32);
      sink.f32(meta.value);
      break;
    case "bool":
      sink.u32(ValueType.BOOL);
      sink.push(Buffer.from([meta.value ? 1 : 0]));
      break;
    case "string":
      sink.u32(ValueType.STRING);
      sink.str(meta.value);
      break;
    case "string[]":
      sink.u32(ValueType.ARRAY);
      sink.u32(ValueType.STRING);
      sink.u64(meta.value.length);
      sink.push(stringArray(meta.value));
      break;
    case "i32[]":
      sink.u32(ValueType.ARRAY);
      sink.u32(ValueType.INT32);
      sink.u64(meta.value.length);
      sink.typed(Int32Array.from(meta.value));
      break;
    case "f32[]":
      sink.u32(ValueType.ARRAY);
      sink.u32(ValueType.FLOAT32);
      sink.u64(meta.value.length);
      sink.typed(Float32Array.from(meta.value));
      break;
  }
}

const halfScratch = new Float32Array(1);
const halfBits = new Uint32Array(halfScratch.buffer);

/** IEEE 754 half precision, round-to-nearest; inputs here are small, finite numbers. */
function toHalf(value: number): number {
  halfScratch[0] = value;
  const bits = halfBits[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exp = ((bits >>> 23) & 0xff) - 127 + 15;
  const mant = bits & 0x7fffff;
  if (exp >= 31) return sign | 0x7c00;
  if (exp <= 0) {
    if (exp < -10) return sign;
    return sign | Math.round((mant | 0x800000) / 2 ** (14 - exp)); // subnormal
  }
  // `+`, not `|`: a mantissa that rounds up to 0x400 carries into the exponent.
  return sign | ((exp << 10) + Math.round(mant / 0x2000));
}

function payloadBytes(t: TensorSpec): number {
  const n = t.dims.reduce((a, b) => a * b, 1);
  switch (t.type) {
    case TensorType.F32:
      return n * 4;
    case TensorType.F16:
      return n * 2;
    case TensorType.Q8_0:
      return (n / Q8_0_BLOCK) * Q8_0_BLOCK_BYTES;
  }
}

const ROUNDING = 2 ** 52 + 2 ** 51;

/** Nearest integer for |x| < 2^51, ties to even; several times faster than Math.round in a hot loop. */
function roundToInt(x: number): number {
  return x + ROUNDING - ROUNDING;
}

function encodeQ8_0(values: Float32Array): Buffer {
  const out = Buffer.alloc((values.length / Q8_0_BLOCK) * Q8_0_BLOCK_BYTES);
  const q = new Int8Array(out.buffer, out.byteOffset, out.length);
  for (let block = 0, o = 0; block < values.length; block += Q8_0_BLOCK, o += Q8_0_BLOCK_BYTES) {
    let amax = 0;
    for (let i = block; i < block + Q8_0_BLOCK; i++) {
      const a = Math.abs(values[i]!);
      if (a > amax) amax = a;
    }
    const d = amax / 127;
    const id = d === 0 ? 0 : 1 / d;
    const half = toHalf(d);
    out[o] = half & 0xff;
    out[o + 1] = half >>> 8;
    for (let i = 0; i < Q8_0_BLOCK; i++) q[o + 2 + i] = roundToInt(values[block + i]! * id);
  }
  return out;
}

function encode(type: TensorType, values: Float32Array): Buffer {
  switch (type) {
    case TensorType.F32:
      return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    case TensorType.F16: {
      const halves = new Uint16Array(values.length);
      for (let i = 0; i < values.length; i++) halves[i] = toHalf(values[i]!);
      return Buffer.from(halves.buffer);
    }
    case TensorType.Q8_0:
      return encodeQ8_0(values);
  }
}

function checkShape(t: TensorSpec): void {
  const n = t.dims.reduce((a, b) => a * b, 1);
  if (t.data instanceof Float32Array && t.data.length !== n) {
    throw new Error(`${t.name}: ${t.data.length} values for dims [${t.dims.join(", ")}]`);
  }
  if (t.type === TensorType.Q8_0 && (t.dims[0] ?? 0) % Q8_0_BLOCK !== 0) {
    throw new Error(
      `${t.name}: Q8_0 rows must be a multiple of ${Q8_0_BLOCK} (dims[0] = ${t.dims[0]})`,
    );
  }
}

function writeAll(fd: number, buf: Buffer): number {
  for (let done = 0; done < buf.length;) done += writeSync(fd, buf, done);
  return buf.length;
}

/** Writes one tensor's payload, a chunk at a time. */
function writeTensor(fd: number, t: TensorSpec): number {
  let written = 0;
  if (t.data instanceof Float32Array) {
    for (let start = 0; start < t.data.length; start += CHUNK_VALUES) {
      written += writeAll(fd, encode(t.type, t.data.subarray(start, start + CHUNK_VALUES)));
    }
    return written;
  }
  const total = payloadBytes(t);
  const chunk = Buffer.alloc(CHUNK_BYTES);
  for (let offset = 0; offset < total; offset += CHUNK_BYTES) {
    const part = chunk.subarray(0, Math.min(CHUNK_BYTES, total - offset));
    t.data(part, offset);
    written += writeAll(fd, part);
  }
  return written;
}

const SAMPLED_RUN = 8; // blocks copied per random draw
const SAMPLED_RUN_BYTES = SAMPLED_RUN * Q8_0_BLOCK_BYTES;

/**
 * Random Q8_0 weights, fast: `values` (a multiple of 256 of them) are quantized once into a pool
 * of blocks, and each tensor made from it is runs of 8 consecutive pool blocks, each run starting
 * at a random block. Its values then follow the pool's distribution, at one random draw per 256.
 */
export function q8_0Sampler(values: Float32Array): (random: () => number) => ByteSource {
  const encoded = encodeQ8_0(values);
  // The first run repeated at the end, so a run may start at any block.
  const pool = Buffer.concat([encoded, encoded.subarray(0, SAMPLED_RUN_BYTES)]);
  const blocks = values.length / Q8_0_BLOCK;
  return (random) => (out) => {
    for (let o = 0; o < out.length; o += SAMPLED_RUN_BYTES) {
      const from = Math.floor(random() * blocks) * Q8_0_BLOCK_BYTES;
      out.set(pool.subarray(from, from + Math.min(SAMPLED_RUN_BYTES, out.length - o)), o);
    }
  };
}

function header(metadata: ReadonlyMap<string, MetaValue>, tensors: readonly TensorSpec[]): Buffer {
  const sink = new ByteSink();
  sink.u32(GGUF_MAGIC);
  sink.u32(3);
  sink.u64(tensors.length);
  sink.u64(metadata.size);
  for (const [key, value] of metadata) writeMeta(sink, key, value);
  let offset = 0;
  for (const t of tensors) {
    sink.str(t.name);
    sink.u32(t.dims.length);
    for (const d of t.dims) sink.u64(d);
    sink.u32(t.type);
    sink.u64(offset);
    offset += payloadBytes(t);
    offset += (ALIGNMENT - (offset % ALIGNMENT)) % ALIGNMENT;
  }
  sink.padTo(ALIGNMENT);
  return sink.toBuffer();
}

export function writeGguf(
  path: string,
  metadata: ReadonlyMap<string, MetaValue>,
  tensors: readonly TensorSpec[],
): void {
  tensors.forEach(checkShape);
  const fd = openSync(path, "w");
  try {
    writeAll(fd, header(metadata, tensors));
    for (const t of tensors) {
      const n = writeTensor(fd, t);
      const pad = (ALIGNMENT - (n % ALIGNMENT)) % ALIGNMENT;
      if (pad > 0) writeAll(fd, Buffer.alloc(pad));
    }
  } finally {
    closeSync(fd);
  }
}
