// Styles are imported as text and adopted into the shadow root.
declare module '*.css?inline' {
  const css: string;
  export default css;
}
