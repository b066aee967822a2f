// Written by the loader's build (scripts/shared.mjs): every export of the modules the parts share.
declare module 'virtual:candor-shared' {
  const modules: unknown[];
  export default modules;
  /** The name of the global symbol the parts read them from. */
  export const key: string;
}
