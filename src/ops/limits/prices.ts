/**
 * Model prices in USD per million tokens. Defaults for a few common models as published by their providers
 * at the time of writing; the config overrides or extends them (prices change, and self-hosted models cost
 * nothing). Keys are `provider/model`; a dated variant (`gpt-4o-2024-08-06`) matches its base name.
 */
export type Price = { inputPerMTok: number; outputPerMTok: number };
export type PriceTable = Readonly<Record<string, Price>>;

export const DEFAULT_PRICES: PriceTable = {
  "openai/gpt-5": { inputPerMTok: 1.25, outputPerMTok: 10 },
  "openai/gpt-5-mini": { inputPerMTok: 0.25, outputPerMTok: 2 },
  "openai/gpt-5-nano": { inputPerMTok: 0.05, outputPerMTok: 0.4 },
  "openai/gpt-4.1": { inputPerMTok: 2, outputPerMTok: 8 },
  "openai/gpt-4.1-mini": { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  "openai/gpt-4o": { inputPerMTok: 2.5, outputPerMTok: 10 },
  "openai/gpt-4o-mini": { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  "anthropic/claude-opus-4-1": { inputPerMTok: 15, outputPerMTok: 75 },
  "anthropic/claude-sonnet-4-5": { inputPerMTok: 3, outputPerMTok: 15 },
  "anthropic/claude-sonnet-4": { inputPerMTok: 3, outputPerMTok: 15 },
  "anthropic/claude-haiku-4-5": { inputPerMTok: 1, outputPerMTok: 5 },
};

/** Defaults overlaid with the config's table (config wins, key by key). */
export function mergePrices(overrides: PriceTable | undefined): PriceTable {
  return { ...DEFAULT_PRICES, ...overrides };
}

/**
 * The price of `provider/model`: an exact key, else the longest key that is a prefix followed by `-`
 * (dated or suffixed variants). `undefined` when unknown: the caller records the call as unpriced.
 */
export function findPrice(prices: PriceTable, provider: string, model: string): Price | undefined {
  const id = `${provider}/${model}`;
  const exact = prices[id];
  if (exact) return exact;
  let best: string | undefined;
  for (const key of Object.keys(prices)) {
    if (id.startsWith(`${key}-`) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : prices[best];
}

export function computeCostUsd(price: Price, inputTokens: number, outputTokens: number): number {
  return (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1_000_000;
}
