declare const __CANDOR_VERSION__: string;

/** The SDK version (from package.json, set at build time), sent with every answer as `sdk`. */
export const VERSION: string = __CANDOR_VERSION__;
