/**
 * The public keys whose signature makes an advisory snapshot trusted (SPKI PEM, Ed25519). The matching private
 * keys are held by maintainers offline, never in this repository; README "Refreshing the advisory snapshot"
 * says how to sign, and how to add a key here before retiring the old one (both listed during the overlap).
 */
export const TRUSTED_SNAPSHOT_KEYS: readonly string[] = [
  // keyid fda0739851bf4207e60051619a2e8354a091c0d713cb187a5a5b739a4a6322eb (2026-12-03)
  "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA7sLiph5IYtc8ed22Xs8XlZRTic+dI8jlPIdennH8kVI=\n-----END PUBLIC KEY-----\n",
];
