// The GGUF metadata of a shaped model: the keys llama.cpp (v0.4.0) reads for each architecture.
import type { MetaValue } from "./gguf-writer.js";
import type { ModelShape } from "./shaped-models.js";
import type { Vocabulary } from "./shaped-vocab.js";

const POOLING_TYPE = { mean: 1, cls: 2 } as const;
const FILE_TYPE_MOSTLY_Q8_0 = 7;

export function shapedMetadata(
  shape: ModelShape,
  layers: number,
  vocab: Vocabulary,
): Map<string, MetaValue> {
  return new Map<string, MetaValue>([
    ["general.architecture", { type: "string", value: shape.architecture }],
    ["general.name", { type: "string", value: `${shape.model} (shaped, random weights)` }],
    ["general.file_type", { type: "u32", value: FILE_TYPE_MOSTLY_Q8_0 }],
    ["general.quantization_version", { type: "u32", value: 2 }],
    ...architectureMeta(shape, layers),
    ...tokenizerMeta(shape, vocab),
  ]);
}

function architectureMeta(shape: ModelShape, layers: number): [string, MetaValue][] {
  const arch = shape.architecture;
  const u32 = (key: string, value: number): [string, MetaValue] => [
    `${arch}.${key}`,
    { type: "u32", value },
  ];
  const f32 = (key: string, value: number): [string, MetaValue] => [
    `${arch}.${key}`,
    { type: "f32", value },
  ];
  const meta: [string, MetaValue][] = [
    u32("context_length", shape.contextLength),
    u32("embedding_length", shape.hidden),
    u32("feed_forward_length", shape.feedForward),
    u32("block_count", layers),
    u32("attention.head_count", shape.heads),
    u32("pooling_type", POOLING_TYPE[shape.pooling]),
    [`${arch}.attention.causal`, { type: "bool", value: false }],
  ];
  if (shape.ropeFreqBase !== undefined) meta.push(f32("rope.freq_base", shape.ropeFreqBase));
  if (arch !== "gemma-embedding") {
    meta.push(f32("attention.layer_norm_epsilon", 1e-12));
    return meta;
  }
  meta.push(
    u32("attention.head_count_kv", shape.kvHeads),
    u32("attention.key_length", shape.headDim),
    u32("attention.value_length", shape.headDim),
    f32("attention.layer_norm_rms_epsilon", 1e-6),
  );
  if (shape.slidingWindow) {
    meta.push(
      u32("attention.sliding_window", shape.slidingWindow.size),
      f32("rope.freq_base_swa", shape.slidingWindow.ropeFreqBase),
    );
    // Without the key every 6th layer is global (llama.cpp's default, as the real file has it); a
    // cut-down model with fewer layers makes its last one global, so it still has one.
    if (layers < shape.slidingWindow.period) {
      meta.push(u32("attention.sliding_window_pattern", layers));
    }
  }
  if (shape.denseFeatures) {
    meta.push(
      u32("dense_2_feat_in", shape.hidden),
      u32("dense_2_feat_out", shape.denseFeatures),
      u32("dense_3_feat_in", shape.denseFeatures),
      u32("dense_3_feat_out", shape.hidden),
    );
  }
  return meta;
}

function tokenizerMeta(shape: ModelShape, vocab: Vocabulary): [string, MetaValue][] {
  const common: [string, MetaValue][] = [
    ["tokenizer.ggml.tokens", { type: "string[]", value: vocab.tokens }],
    ["tokenizer.ggml.token_type", { type: "i32[]", value: vocab.types }],
  ];
  const u32 = (key: string, value: number): [string, MetaValue] => [
    `tokenizer.ggml.${key}`,
    { type: "u32", value },
  ];
  const bool = (key: string, value: boolean): [string, MetaValue] => [
    `tokenizer.ggml.${key}`,
    { type: "bool", value },
  ];
  if (shape.tokenizer === "wordpiece") {
    return [
      ["tokenizer.ggml.model", { type: "string", value: "bert" }],
      ...common, // no tokenizer.ggml.pre: llama.cpp reads it for BPE vocabularies only
      u32("token_type_count", 2),
      bool("normalizer.lowercase", true), // llama.cpp's default, written as the converter does for uncased BERT
      u32("unknown_token_id", 100),
      u32("bos_token_id", 101),
      u32("seperator_token_id", 102), // sic: llama.cpp's key
      u32("padding_token_id", 0),
      u32("mask_token_id", 103),
    ];
  }
  return [
    ["tokenizer.ggml.model", { type: "string", value: "llama" }],
    ["tokenizer.ggml.pre", { type: "string", value: "default" }],
    ...common,
    ["tokenizer.ggml.scores", { type: "f32[]", value: vocab.scores ?? [] }],
    u32("padding_token_id", 0),
    u32("eos_token_id", 1),
    u32("bos_token_id", 2),
    u32("unknown_token_id", 3),
    u32("mask_token_id", 4),
    bool("add_bos_token", true),
    bool("add_eos_token", true),
    bool("add_space_prefix", false), // as Gemma 3's conversion writes it
  ];
}
