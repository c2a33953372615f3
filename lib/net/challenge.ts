// Anti-bot services answer with an interstitial page (often with status 200) while they decide
// whether the client is a browser. That page is throttling, not content: never parse it.
const MARKERS = [
  /<title>\s*just a moment\.\.\.\s*<\/title>/i,
  /<title>\s*attention required!?/i,
  /id=["']challenge-(?:running|form|platform)["']/i,
  /cf-browser-verification|cf_chl_opt|challenge-platform/i,
  /checking your browser before accessing/i,
];
const SNIFF_BYTES = 16_384;

export function isChallengePage(bytes: Uint8Array): boolean {
  // Markup markers are ASCII, so Latin-1 reads them right whatever the page's charset.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_BYTES));
  return MARKERS.some((marker) => marker.test(head));
}
