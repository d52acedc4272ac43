// Minimal GGUF v3 writer: enough of the format to emit small test models that llama.cpp loads.
import { writeFileSync } from "node:fs";

const GGUF_MAGIC = 0x46554747; // "GGUF" little-endian
const ALIGNMENT = 32;

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
}

export type MetaValue =
  | { type: "u32"; value: number }
  | { type: "f32"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "string"; value: string }
  | { type: "string[]"; value: readonly string[] }
  | { type: "i32[]"; value: readonly number[] };

export interface TensorSpec {
  name: string;
  /** ggml order: dims[0] is the fastest-varying dimension. */
  dims: readonly number[];
  type: TensorType;
  data: Float32Array;
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
  i32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
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
  padTo(alignment: number): void {
    const pad = (alignment - (this.length % alignment)) % alignment;
    if (pad > 0) this.push(Buffer.alloc(pad));
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
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
      for (const s of meta.value) sink.str(s);
      break;
    case "i32[]":
      sink.u32(ValueType.ARRAY);
      sink.u32(ValueType.INT32);
      sink.u64(meta.value.length);
      for (const v of meta.value) sink.i32(v);
      break;
  }
}

/** IEEE 754 half precision, round-to-nearest; inputs here are small, finite numbers. */
function toHalf(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exp = ((bits >>> 23) & 0xff) - 127 + 15;
  const mant = bits & 0x7fffff;
  if (exp <= 0) return sign; // flush tiny values to zero
  if (exp >= 31) return sign | 0x7c00;
  return sign | (exp << 10) | Math.round(mant / 0x2000);
}

function tensorBytes(t: TensorSpec): Buffer {
  if (t.type === TensorType.F32) {
    return Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  }
  const out = Buffer.alloc(t.data.length * 2);
  for (let i = 0; i < t.data.length; i++) out.writeUInt16LE(toHalf(t.data[i]!), i * 2);
  return out;
}

export function writeGguf(
  path: string,
  metadata: ReadonlyMap<string, MetaValue>,
  tensors: readonly TensorSpec[],
): void {
  const sink = new ByteSink();
  sink.u32(GGUF_MAGIC);
  sink.u32(3);
  sink.u64(tensors.length);
  sink.u64(metadata.size);
  for (const [key, value] of metadata) writeMeta(sink, key, value);

  const payloads = tensors.map(tensorBytes);
  let offset = 0;
  tensors.forEach((t, i) => {
    sink.str(t.name);
    sink.u32(t.dims.length);
    for (const d of t.dims) sink.u64(d);
    sink.u32(t.type);
    sink.u64(offset);
    offset += payloads[i]!.length;
    offset += (ALIGNMENT - (offset % ALIGNMENT)) % ALIGNMENT;
  });
  sink.padTo(ALIGNMENT);
  for (const payload of payloads) {
    sink.push(payload);
    sink.padTo(ALIGNMENT);
  }
  writeFileSync(path, sink.toBuffer());
}
